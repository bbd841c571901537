using System.Runtime.InteropServices;

namespace Coap.LoadGenerator;

/// <summary>
/// The few Linux calls the generator makes directly, so that a request costs one send and one
/// receive system call and nothing else: epoll to wait on many sockets from one thread, and
/// recvmmsg/sendmmsg to move a batch of datagrams per call on a single socket.
/// </summary>
internal static unsafe partial class Native
{
    public const int EpollIn = 0x001;
    public const int EpollCtlAdd = 1;
    public const int MsgDontWait = 0x40;
    public const int MsgWaitForOne = 0x10000;
    public const int EAgain = 11;
    public const int EIntr = 4;
    public const int ScClockTicks = 2;

    /// <summary>struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16).</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int s_epollDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_wait(int epfd, byte* events, int maxevents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int recvmmsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sendmmsg(int fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc")]
    public static partial long sysconf(int name);

    /// <summary>Registers a file descriptor for readability with a 64-bit tag.</summary>
    public static void EpollAdd(int epfd, int fd, ulong data)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = EpollIn;
        *(ulong*)(ev + s_epollDataOffset) = data;
        if (epoll_ctl(epfd, EpollCtlAdd, fd, ev) != 0)
        {
            throw new InvalidOperationException($"epoll_ctl failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>The tag of the i-th event returned by epoll_wait.</summary>
    public static ulong EventData(byte* events, int index) => *(ulong*)(events + (index * EpollEventSize) + s_epollDataOffset);

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct mmsghdr on 64-bit Linux: struct msghdr (56 bytes with its tail padding), then msg_len.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    public struct MMsgHdr
    {
        [FieldOffset(0)]
        public void* Name;
        [FieldOffset(8)]
        public uint NameLength;
        [FieldOffset(16)]
        public IoVec* Iov;
        [FieldOffset(24)]
        public nuint IovLength;
        [FieldOffset(32)]
        public void* Control;
        [FieldOffset(40)]
        public nuint ControlLength;
        [FieldOffset(48)]
        public int Flags;
        [FieldOffset(56)]
        public uint Length;
    }
}
