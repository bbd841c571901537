using System.Text;
using Coap.Security.Oscore.State;

namespace Coap.Tests.Security.Oscore.State;

/// <summary>The file-backed sequence number store: names, content, atomic replacement, unreadable state.</summary>
public sealed class FileSequenceNumberStoreTests
{
    private static readonly byte[] s_senderId = [0x73, 0x65, 0x63, 0x72, 0x65, 0x74];
    private static readonly byte[] s_idContext = [0x37, 0xcb, 0xf3, 0x21, 0x00, 0x17, 0xa2, 0xd3];

    [Fact]
    public void StateFile_IsNamedByAHash_AndHoldsOnlyTheBound()
    {
        using var directory = new TempDirectory();
        var store = new FileSequenceNumberStore(directory.Path);
        var key = OscoreStateKey.From(s_senderId, s_idContext);

        store.Save(key, 4_096);

        var file = Assert.Single(directory.Files());
        var name = Path.GetFileName(file);
        Assert.Equal(key.Hex + FileSequenceNumberStore.Extension, name);
        Assert.Matches("^[0-9a-f]{64}\\.ssn$", name);
        Assert.DoesNotContain(Convert.ToHexStringLower(s_senderId), name, StringComparison.Ordinal);
        Assert.Equal("oscore-ssn-bound v1\n4096\n", File.ReadAllText(file, Encoding.ASCII));
    }

    [Fact]
    public void Save_ReplacesTheFile_AndLeavesNoTemporaryFiles()
    {
        using var directory = new TempDirectory();
        var store = new FileSequenceNumberStore(directory.Path);
        var key = OscoreStateKey.From(s_senderId, s_idContext);

        for (ulong bound = 64; bound <= 640; bound += 64)
        {
            store.Save(key, bound);
        }

        Assert.Single(directory.Files());
        Assert.True(new FileSequenceNumberStore(directory.Path).TryLoad(key, out var loaded));
        Assert.Equal(640UL, loaded);
    }

    [Fact]
    public void ContextsThatDifferInIdContextOrSplit_HaveSeparateFiles()
    {
        using var directory = new TempDirectory();
        var store = new FileSequenceNumberStore(directory.Path);
        var first = OscoreStateKey.From([0x61, 0x62], []);
        var second = OscoreStateKey.From([0x61], [0x62]);
        var third = OscoreStateKey.From([0x61, 0x62], [0x01]);

        store.Save(first, 1);
        store.Save(second, 2);
        store.Save(third, 3);

        Assert.Equal(3, directory.Files().Length);
        Assert.True(store.TryLoad(second, out var bound));
        Assert.Equal(2UL, bound);
    }

    [Fact]
    public void MissingFile_LoadsNothing_AndDeleteForgetsAContext()
    {
        using var directory = new TempDirectory();
        var store = new FileSequenceNumberStore(Path.Combine(directory.Path, "nested"));
        var key = OscoreStateKey.From(s_senderId, []);

        Assert.False(store.TryLoad(key, out _));
        store.Save(key, 9);
        store.Delete(key);

        Assert.False(store.TryLoad(key, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("oscore-ssn-bound v1\n")]
    [InlineData("oscore-ssn-bound v1\n-4\n")]
    [InlineData("oscore-ssn-bound v2\n64\n")]
    [InlineData("oscore-ssn-bound v1\n12x\n")]
    public void UnreadableState_IsRefused_RatherThanRestartingFromZero(string content)
    {
        using var directory = new TempDirectory();
        var store = new FileSequenceNumberStore(directory.Path);
        var key = OscoreStateKey.From(s_senderId, s_idContext);
        File.WriteAllText(store.PathOf(key), content, Encoding.ASCII);

        Assert.Throws<InvalidDataException>(() => store.TryLoad(key, out _));
        Assert.Throws<InvalidDataException>(() => new SenderSequenceNumbers(store, key));
    }

    [Fact]
    public void StateKey_ShortForm_IsThePrefixOfTheHash()
    {
        var key = OscoreStateKey.From(s_senderId, s_idContext);

        Assert.Equal(64, key.Hex.Length);
        Assert.Equal(key.Hex[..12], key.ToString());
        Assert.Equal(key, OscoreStateKey.From(s_senderId, s_idContext));
    }
}
