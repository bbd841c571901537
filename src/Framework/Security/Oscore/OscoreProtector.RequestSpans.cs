using System.Buffers;
using System.Security.Cryptography;
using Coap.Codec;

namespace Coap.Security.Oscore;

/// <summary>
/// Requests at the server without <see cref="CoapMessage"/>: verify a received <see cref="CoapMessageView"/> and
/// write the plain request datagram into the caller's buffer (RFC 8613 §8.2), allocating nothing.
/// </summary>
internal sealed partial class OscoreProtector
{
    /// <summary>
    /// Verifies a protected request as <see cref="UnprotectRequest(CoapMessage, out CoapMessage?, out OscoreRequestBinding)"/>
    /// does (same checks, same order, same results) and writes the plain request into <paramref name="destination"/>:
    /// the outer type, message ID and token with the inner code, the outer options that stay outer merged in number
    /// order with the inner options, then the inner payload. A destination as long as the received datagram always
    /// suffices; a shorter one that is too short gives <see cref="OscoreUnprotectResult.DecodeFailed"/>.
    /// </summary>
    public OscoreUnprotectResult UnprotectRequestInto(in CoapMessageView protectedRequest, Span<byte> destination, out int length, out OscoreRequestBinding binding)
    {
        length = 0;
        binding = default;
        if (!protectedRequest.TryGetOption(CoapOptionNumber.Oscore, out var oscore) || protectedRequest.Payload.IsEmpty)
        {
            return OscoreUnprotectResult.DecodeFailed;
        }

        if (OscoreOptionValue.TryDecode(oscore, out var option) != OscoreOptionError.None ||
            !option.HasPartialIv || !option.HasKid)
        {
            return OscoreUnprotectResult.DecodeFailed;
        }

        var context = _resolver?.Resolve(option.Kid, option.HasKidContext, option.KidContext);
        if (context is null)
        {
            return OscoreUnprotectResult.ContextNotFound;
        }

        if (!_flagPolicy.Accepts(option, context))
        {
            return OscoreUnprotectResult.DecodeFailed;
        }

        Span<byte> nonce = stackalloc byte[context.Algorithm.NonceLength];
        if (!OscoreNonce.TryCompose(context.Common.CommonIv, option.Kid, option.PartialIv, nonce))
        {
            return OscoreUnprotectResult.DecryptionFailed;
        }

        var partialIv = OscorePartialIv.FromBytes(option.PartialIv);
        var result = OpenRequest(context, protectedRequest, nonce, option.Kid, option.PartialIv, partialIv, destination, out length);
        if (result is OscoreUnprotectResult.Ok or OscoreUnprotectResult.FreshnessRequired)
        {
            binding = new OscoreRequestBinding(context, context.Recipient.Id, partialIv);
        }

        return result;
    }

    /// <summary><see cref="Open"/> for a request view: decrypt, consult the replay check, then write the plain request.</summary>
    private OscoreUnprotectResult OpenRequest(OscoreSecurityContext context, in CoapMessageView outer, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> requestKid, ReadOnlySpan<byte> requestPiv, OscorePartialIv partialIv, Span<byte> destination, out int length)
    {
        length = 0;
        var aead = context.Recipient.Aead;
        var ciphertext = outer.Payload;
        var tagLength = aead.Algorithm.TagLength;
        if (ciphertext.Length < tagLength + 1)
        {
            return OscoreUnprotectResult.DecryptionFailed;
        }

        var plaintextLength = ciphertext.Length - tagLength;
        var size = FakeHeaderSize - 1 + plaintextLength;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var aad = RentAad(new PlacedOptions(this, outer.Options, PlacementFilter.Aad), aead.Algorithm, requestKid, requestPiv, out var aadLength);
            bool opened;
            try
            {
                opened = aead.TryOpen(nonce, ciphertext, aad.AsSpan(0, aadLength), buffer.AsSpan(FakeHeaderSize - 1, plaintextLength));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(aad);
            }

            if (!opened)
            {
                _replayCheck?.DecryptionFailed(context);
                return OscoreUnprotectResult.DecryptionFailed;
            }

            var verdict = OscoreUnprotectResult.Ok;
            if (_replayCheck is not null)
            {
                switch (_replayCheck.Accept(context, partialIv))
                {
                    case State.ReplayCheckResult.Accepted:
                        break;
                    case State.ReplayCheckResult.WindowInvalid:
                        verdict = OscoreUnprotectResult.FreshnessRequired;
                        break;
                    default:
                        return OscoreUnprotectResult.Replayed;
                }
            }

            // As in Open: a fake header (version 1, CON, no token, MID 0) in front of the plaintext for the codec.
            buffer[0] = 0x40;
            buffer[1] = buffer[FakeHeaderSize - 1];
            buffer[2] = 0;
            buffer[3] = 0;
            if (CoapMessageReader.TryRead(buffer.AsSpan(0, size), out var inner) != CoapFormatError.None || !inner.Code.IsRequest)
            {
                return OscoreUnprotectResult.DecodeFailed;
            }

            var written = WritePlainRequest(outer, inner, destination);
            if (written < 0)
            {
                return OscoreUnprotectResult.DecodeFailed;
            }

            length = written;
            return verdict;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, size));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the AAD with the Class I options <paramref name="classI"/> yields into a pooled buffer the caller returns.</summary>
    private static byte[] RentAad(PlacedOptions classI, OscoreAlgorithm algorithm, ReadOnlySpan<byte> requestKid, ReadOnlySpan<byte> requestPiv, out int length)
    {
        var optionsSize = GetEncodedSize(classI, emptyObserve: false);
        if (optionsSize == 0)
        {
            return RentAad(algorithm, requestKid, requestPiv, default, out length);
        }

        var optionsBuffer = ArrayPool<byte>.Shared.Rent(FakeHeaderSize + optionsSize);
        try
        {
            var writer = new CoapMessageWriter(optionsBuffer.AsSpan(0, FakeHeaderSize + optionsSize));
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Empty, 0, default);
            WriteOptions(ref writer, classI, emptyObserve: false);
            return RentAad(algorithm, requestKid, requestPiv, optionsBuffer.AsSpan(FakeHeaderSize, optionsSize), out length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(optionsBuffer);
        }
    }

    /// <summary>The rebuilt request (as <see cref="Merge"/> builds it), written; its length, or −1 when it does not fit.</summary>
    private int WritePlainRequest(in CoapMessageView outer, in CoapMessageView inner, Span<byte> destination)
    {
        var options = new MergedRequestOptions(
            new PlacedOptions(this, outer.Options, PlacementFilter.OuterOnly),
            new PlacedOptions(this, inner.Options, PlacementFilter.Inner));
        var optionsSize = 0;
        var previous = 0;
        var sizing = options;
        while (sizing.MoveNext())
        {
            optionsSize += CoapMessageWriter.GetOptionSize(sizing.Number - previous, sizing.Value.Length);
            previous = sizing.Number;
        }

        var payload = inner.Payload;
        var size = CoapHeader.Size + outer.Token.Length + optionsSize + (payload.IsEmpty ? 0 : 1 + payload.Length);
        if (size > destination.Length)
        {
            return -1;
        }

        var writer = new CoapMessageWriter(destination[..size]);
        writer.WriteHeader(outer.Type, inner.Code, outer.MessageId, outer.Token);
        while (options.MoveNext())
        {
            writer.WriteOption(options.Number, options.Value);
        }

        writer.WritePayload(payload);
        return writer.BytesWritten;
    }

    /// <summary>
    /// The outer options that stay outer and the inner options, merged in number order; on equal numbers the outer
    /// one first, as <see cref="CoapOptionCollection.Add(CoapOption)"/> orders them in <see cref="Merge"/>.
    /// </summary>
    private ref struct MergedRequestOptions
    {
        private PlacedOptions _outer;
        private PlacedOptions _inner;
        private bool _started;
        private bool _hasOuter;
        private bool _hasInner;

        public MergedRequestOptions(PlacedOptions outer, PlacedOptions inner)
        {
            _outer = outer;
            _inner = inner;
        }

        public int Number { get; private set; }

        public ReadOnlySpan<byte> Value { get; private set; }

        public bool MoveNext()
        {
            if (!_started)
            {
                _started = true;
                _hasOuter = _outer.MoveNext();
                _hasInner = _inner.MoveNext();
            }

            if (_hasOuter && (!_hasInner || _outer.Number <= _inner.Number))
            {
                Number = _outer.Number;
                Value = _outer.Value;
                _hasOuter = _outer.MoveNext();
                return true;
            }

            if (_hasInner)
            {
                Number = _inner.Number;
                Value = _inner.Value;
                _hasInner = _inner.MoveNext();
                return true;
            }

            return false;
        }
    }
}
