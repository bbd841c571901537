using System.Buffers;
using System.Security.Cryptography;
using Coap.Codec;

namespace Coap.Security.Oscore;

/// <summary>
/// Protects and verifies CoAP messages with OSCORE (RFC 8613 §4, §5, §8).
/// </summary>
/// <remarks>
/// <para>
/// Options are split by their class in the <see cref="CoapOptionRegistry"/>: Class E (and every
/// unknown option) goes into the plaintext, Class U stays outer, an option of Class I alone stays
/// outer and is also written into the AAD (RFC 8613 defines none; the hook is for extensions).
/// Options registered as both E and U (Max-Age, Block, Size, Echo, …) are carried inner only.
/// Observe is the exception (§4.1.3.5): in requests both copies carry the original value, in
/// responses the outer keeps it and the inner is empty; on reception the inner one is used.
/// The outer code is POST (FETCH with Observe) for requests, 2.04 (2.05 with Observe) for responses.
/// </para>
/// <para>
/// Not implemented: the Proxy-Uri decomposition of §4.1.3.3 (such requests are refused with
/// <see cref="OscoreProtectResult.ProxyUriNotSupported"/>), outer Block options for proxy
/// fragmentation (§4.1.3.4), adding an outer Max-Age 0 to error responses (§4.1.3.1), and the
/// ordering and replay checking of notifications on the client (§7.4.1); the notification's
/// Partial IV is returned so the observe layer can do that.
/// </para>
/// </remarks>
internal sealed partial class OscoreProtector
{
    private const int FakeHeaderSize = 4;

    private readonly IOscoreContextResolver? _resolver;
    private readonly IOscoreReplayCheck? _replayCheck;
    private readonly IOscoreFlagPolicy _flagPolicy;
    private readonly CoapOptionRegistry _registry;

    /// <summary>Creates a protector.</summary>
    /// <param name="resolver">Finds contexts for received requests; null on a pure client.</param>
    /// <param name="replayCheck">Consulted after a request decrypts; null to skip replay protection (tests only).</param>
    /// <param name="flagPolicy">Checks the flag bits against the context; the RFC 8613 Group Flag policy by default.</param>
    /// <param name="registry">Gives each option its OSCORE class.</param>
    public OscoreProtector(
        IOscoreContextResolver? resolver = null,
        IOscoreReplayCheck? replayCheck = null,
        IOscoreFlagPolicy? flagPolicy = null,
        CoapOptionRegistry? registry = null)
    {
        _resolver = resolver;
        _replayCheck = replayCheck;
        _flagPolicy = flagPolicy ?? OscoreGroupFlagPolicy.RejectWithoutGroupContext;
        _registry = registry ?? CoapOptionRegistry.Default;
    }

    /// <summary>Where an option of the original message goes.</summary>
    internal OscoreOptionPlacement Classify(int number)
    {
        if (number == CoapOptionNumber.Oscore)
        {
            return OscoreOptionPlacement.None;
        }

        if (number == CoapOptionNumber.Observe)
        {
            return OscoreOptionPlacement.Inner | OscoreOptionPlacement.Outer;
        }

        var optionClass = _registry.Find(number)?.OscoreClass ?? OscoreOptionClass.None;
        return optionClass switch
        {
            OscoreOptionClass.None => OscoreOptionPlacement.Inner,
            _ when (optionClass & OscoreOptionClass.E) != 0 => OscoreOptionPlacement.Inner,
            OscoreOptionClass.I => OscoreOptionPlacement.Outer | OscoreOptionPlacement.Aad,
            _ => OscoreOptionPlacement.Outer,
        };
    }

    /// <summary>Encrypts code, inner options and payload; returns the ciphertext or null when the AEAD refused.</summary>
    private byte[]? Seal(IOscoreAead aead, CoapCode innerCode, CoapMessage message, bool isRequest, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> requestKid, ReadOnlySpan<byte> requestPiv)
    {
        var optionsSize = 0;
        var previous = 0;
        foreach (var option in message.Options)
        {
            if ((Classify(option.Number) & OscoreOptionPlacement.Inner) != 0)
            {
                var length = !isRequest && option.Number == CoapOptionNumber.Observe ? 0 : option.Value.Length;
                optionsSize += CoapMessageWriter.GetOptionSize(option.Number - previous, length);
                previous = option.Number;
            }
        }

        var payload = message.Payload.Span;
        var size = FakeHeaderSize + optionsSize + (payload.IsEmpty ? 0 : 1 + payload.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            // The writer insists on a header first: write one and reuse its last byte for the code.
            var writer = new CoapMessageWriter(buffer.AsSpan(0, size));
            writer.WriteHeader(CoapMessageType.Confirmable, innerCode, 0, default);
            foreach (var option in message.Options)
            {
                if ((Classify(option.Number) & OscoreOptionPlacement.Inner) != 0)
                {
                    var empty = !isRequest && option.Number == CoapOptionNumber.Observe;
                    writer.WriteOption(option.Number, empty ? default : option.Value.Span);
                }
            }

            writer.WritePayload(payload);
            buffer[FakeHeaderSize - 1] = innerCode.Value;
            var plaintext = buffer.AsSpan(FakeHeaderSize - 1, writer.BytesWritten - (FakeHeaderSize - 1));

            var ciphertext = new byte[plaintext.Length + aead.Algorithm.TagLength];
            var aad = RentAad(message, aead.Algorithm, requestKid, requestPiv, out var aadLength);
            try
            {
                return aead.TrySeal(nonce, plaintext, aad.AsSpan(0, aadLength), ciphertext) ? ciphertext : null;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(aad);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, size));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Decrypts the payload of <paramref name="outer"/> and rebuilds the original message. When
    /// <paramref name="replayContext"/> is given, the replay check sees <paramref name="partialIv"/>
    /// after decryption succeeds and before the plaintext is parsed.
    /// </summary>
    private OscoreUnprotectResult Open(IOscoreAead aead, CoapMessage outer, bool isRequest, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> requestKid, ReadOnlySpan<byte> requestPiv, OscoreSecurityContext? replayContext, OscorePartialIv partialIv, out CoapMessage? message)
    {
        message = null;
        var ciphertext = outer.Payload.Span;
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
            var plaintext = buffer.AsSpan(FakeHeaderSize - 1, plaintextLength);
            var aad = RentAad(outer, aead.Algorithm, requestKid, requestPiv, out var aadLength);
            bool opened;
            try
            {
                opened = aead.TryOpen(nonce, ciphertext, aad.AsSpan(0, aadLength), plaintext);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(aad);
            }

            if (!opened)
            {
                if (replayContext is not null)
                {
                    _replayCheck?.DecryptionFailed(replayContext);
                }

                return OscoreUnprotectResult.DecryptionFailed;
            }

            var verdict = OscoreUnprotectResult.Ok;
            if (replayContext is not null && _replayCheck is not null)
            {
                switch (_replayCheck.Accept(replayContext, partialIv))
                {
                    case State.ReplayCheckResult.Accepted:
                        break;
                    case State.ReplayCheckResult.WindowInvalid:
                        // Decrypted but not known fresh: the caller decides with the inner Echo option (Appendix B.1.2).
                        verdict = OscoreUnprotectResult.FreshnessRequired;
                        break;
                    default:
                        return OscoreUnprotectResult.Replayed;
                }
            }

            // Give the plaintext a fake header (version 1, CON, no token, MID 0) and let the codec validate it.
            buffer[0] = 0x40;
            buffer[1] = buffer[FakeHeaderSize - 1];
            buffer[2] = 0;
            buffer[3] = 0;
            if (CoapMessageReader.TryRead(buffer.AsSpan(0, size), out var inner) != CoapFormatError.None ||
                (isRequest ? !inner.Code.IsRequest : !inner.Code.IsResponse))
            {
                return OscoreUnprotectResult.DecodeFailed;
            }

            message = Merge(outer, inner);
            return verdict;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, size));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the AAD (with the message's Class I options) into a pooled buffer the caller returns.</summary>
    private byte[] RentAad(CoapMessage message, OscoreAlgorithm algorithm, ReadOnlySpan<byte> requestKid, ReadOnlySpan<byte> requestPiv, out int length)
    {
        var optionsSize = 0;
        var previous = 0;
        foreach (var option in message.Options)
        {
            if ((Classify(option.Number) & OscoreOptionPlacement.Aad) != 0)
            {
                optionsSize += CoapMessageWriter.GetOptionSize(option.Number - previous, option.Value.Length);
                previous = option.Number;
            }
        }

        Span<byte> none = default;
        byte[]? optionsBuffer = null;
        var classIOptions = none;
        if (optionsSize > 0)
        {
            optionsBuffer = ArrayPool<byte>.Shared.Rent(FakeHeaderSize + optionsSize);
            var writer = new CoapMessageWriter(optionsBuffer.AsSpan(0, FakeHeaderSize + optionsSize));
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Empty, 0, default);
            foreach (var option in message.Options)
            {
                if ((Classify(option.Number) & OscoreOptionPlacement.Aad) != 0)
                {
                    writer.WriteOption(option.Number, option.Value.Span);
                }
            }

            classIOptions = optionsBuffer.AsSpan(FakeHeaderSize, optionsSize);
        }

        var aad = RentAad(algorithm, requestKid, requestPiv, classIOptions, out length);
        if (optionsBuffer is not null)
        {
            ArrayPool<byte>.Shared.Return(optionsBuffer);
        }

        return aad;
    }

    /// <summary>Writes the AAD for already encoded Class I options into a pooled buffer the caller returns.</summary>
    private static byte[] RentAad(OscoreAlgorithm algorithm, ReadOnlySpan<byte> requestKid, ReadOnlySpan<byte> requestPiv, ReadOnlySpan<byte> classIOptions, out int length)
    {
        length = OscoreAad.GetSize(algorithm, requestKid, requestPiv.Length, classIOptions.Length);
        var aad = ArrayPool<byte>.Shared.Rent(length);
        OscoreAad.Write(aad, algorithm, requestKid, requestPiv, classIOptions);
        return aad;
    }

    private CoapMessage Merge(CoapMessage outer, CoapMessageView inner)
    {
        var message = new CoapMessage
        {
            Type = outer.Type,
            Code = inner.Code,
            MessageId = outer.MessageId,
            Token = outer.Token,
            Payload = inner.Payload.ToArray(),
        };
        foreach (var option in outer.Options)
        {
            if (Classify(option.Number) is OscoreOptionPlacement.Outer or (OscoreOptionPlacement.Outer | OscoreOptionPlacement.Aad))
            {
                message.Options.Add(option);
            }
        }

        var cursor = inner.Options;
        while (cursor.MoveNext())
        {
            if ((Classify(cursor.Number) & OscoreOptionPlacement.Inner) != 0)
            {
                message.Options.Add(cursor.Number, cursor.Value.ToArray());
            }
        }

        return message;
    }
}
