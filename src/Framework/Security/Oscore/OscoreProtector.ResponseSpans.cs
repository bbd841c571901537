using System.Buffers;
using System.Security.Cryptography;
using Coap.Codec;

namespace Coap.Security.Oscore;

/// <summary>
/// Responses at the server without <see cref="CoapMessage"/>: protect a plain response seen as a
/// <see cref="CoapMessageView"/> straight into the send buffer (RFC 8613 §8.3), allocating nothing.
/// </summary>
internal sealed partial class OscoreProtector
{
    /// <summary>
    /// Protects a response as <see cref="ProtectResponse(in OscoreRequestBinding, CoapMessage, bool, out CoapMessage?)"/>
    /// does, byte for byte, and writes the protected message into <paramref name="destination"/> (which must not overlap
    /// <paramref name="response"/>): the outer header, the outer options with the OSCORE option and, when
    /// <paramref name="outerBlockOption"/> is not 0, that option (an outer Block1 echo, RFC 8613 §4.1.3.4.2) added as
    /// the message path's caller adds it, then the ciphertext sealed in place after the payload marker.
    /// <paramref name="length"/> is the protected message's length; when that is more than the destination holds,
    /// nothing is written (though the result is <see cref="OscoreProtectResult.Ok"/> and the sequence number, when one
    /// is included, is taken), as a message too large to send is the caller's to handle.
    /// </summary>
    public OscoreProtectResult ProtectResponseInto(in OscoreRequestBinding binding, in CoapMessageView response, bool includePartialIv, int outerBlockOption, ReadOnlySpan<byte> outerBlockValue, Span<byte> destination, out int length)
    {
        var context = binding.Context ?? throw new ArgumentException("The binding has no context.", nameof(binding));
        length = 0;
        Span<byte> requestPiv = stackalloc byte[8];
        Span<byte> piv = stackalloc byte[8];
        Span<byte> nonce = stackalloc byte[context.Algorithm.NonceLength];
        var prepared = PrepareResponseNonce(binding, includePartialIv, requestPiv, piv, nonce, out var requestPivLength, out var pivLength);
        if (prepared != OscoreProtectResult.Ok)
        {
            return prepared;
        }

        requestPiv = requestPiv[..requestPivLength];
        var option = new OscoreOptionValue(piv[..pivLength], hasKid: false, default, hasKidContext: false, default);
        Span<byte> optionValue = stackalloc byte[1 + OscoreNonce.MaxPartialIvLength];
        optionValue = optionValue[..option.Encode(optionValue)];

        var payload = response.Payload;
        var innerOptions = new PlacedOptions(this, response.Options, PlacementFilter.Inner);
        var plaintextLength = 1 + GetEncodedSize(innerOptions, emptyObserve: true) + (payload.IsEmpty ? 0 : 1 + payload.Length);
        var outerOptions = new OuterResponseOptions(new PlacedOptions(this, response.Options, PlacementFilter.Outer), optionValue, outerBlockOption, outerBlockValue);
        var aead = context.Sender.Aead;
        var headerAndOptions = CoapHeader.Size + response.Token.Length + outerOptions.GetEncodedSize();
        var total = headerAndOptions + 1 + plaintextLength + aead.Algorithm.TagLength;
        length = total;
        if (total > destination.Length)
        {
            return OscoreProtectResult.Ok;
        }

        var outerCode = response.HasOption(CoapOptionNumber.Observe) ? CoapCode.Content : CoapCode.Changed;
        scoped CoapMessageWriter writer = new(destination[..headerAndOptions]);
        writer.WriteHeader(response.Type, outerCode, response.MessageId, response.Token);
        while (outerOptions.MoveNext())
        {
            writer.WriteOption(outerOptions.Number, outerOptions.Value);
        }

        destination[headerAndOptions] = CoapMessageReader.PayloadMarker;
        var ciphertext = destination.Slice(headerAndOptions + 1, total - headerAndOptions - 1);
        if (!SealResponse(aead, response, innerOptions, plaintextLength, nonce, binding.RequestKid.Span, requestPiv, ciphertext))
        {
            length = 0;
            return OscoreProtectResult.EncryptionFailed;
        }

        return OscoreProtectResult.Ok;
    }

    /// <summary><see cref="Seal"/> for a response view: the plaintext (inner Observe empty) into a pooled buffer, the ciphertext into the caller's span.</summary>
    private bool SealResponse(IOscoreAead aead, in CoapMessageView response, PlacedOptions innerOptions, int plaintextLength, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> requestKid, ReadOnlySpan<byte> requestPiv, Span<byte> ciphertext)
    {
        var size = FakeHeaderSize - 1 + plaintextLength;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            // As in Seal: the writer insists on a header first; its last byte becomes the code.
            var writer = new CoapMessageWriter(buffer.AsSpan(0, size));
            writer.WriteHeader(CoapMessageType.Confirmable, response.Code, 0, default);
            WriteOptions(ref writer, innerOptions, emptyObserve: true);
            writer.WritePayload(response.Payload);
            buffer[FakeHeaderSize - 1] = response.Code.Value;
            var plaintext = buffer.AsSpan(FakeHeaderSize - 1, plaintextLength);

            var aad = RentAad(new PlacedOptions(this, response.Options, PlacementFilter.Aad), aead.Algorithm, requestKid, requestPiv, out var aadLength);
            try
            {
                return aead.TrySeal(nonce, plaintext, aad.AsSpan(0, aadLength), ciphertext);
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
    /// A response's outer options: its Class U / I options and Observe, the OSCORE option and an optional extra
    /// option, in number order; on equal numbers the response's first, then OSCORE, then the extra, the order in
    /// which <see cref="BuildOuter"/> and the endpoint add them to a <see cref="CoapOptionCollection"/>.
    /// </summary>
    private ref struct OuterResponseOptions
    {
        private readonly ReadOnlySpan<byte> _oscore;
        private readonly int _extraNumber;
        private readonly ReadOnlySpan<byte> _extraValue;
        private PlacedOptions _response;
        private bool _started;
        private bool _hasResponse;
        private bool _oscorePending;
        private bool _extraPending;

        public OuterResponseOptions(PlacedOptions response, ReadOnlySpan<byte> oscore, int extraNumber, ReadOnlySpan<byte> extraValue)
        {
            _response = response;
            _oscore = oscore;
            _extraNumber = extraNumber;
            _extraValue = extraValue;
            _oscorePending = true;
            _extraPending = extraNumber != 0;
        }

        public int Number { get; private set; }

        public ReadOnlySpan<byte> Value { get; private set; }

        /// <summary>The encoded size of all the options (on a copy: this cursor does not move).</summary>
        public readonly int GetEncodedSize()
        {
            var copy = this;
            var size = 0;
            var previous = 0;
            while (copy.MoveNext())
            {
                size += CoapMessageWriter.GetOptionSize(copy.Number - previous, copy.Value.Length);
                previous = copy.Number;
            }

            return size;
        }

        public bool MoveNext()
        {
            if (!_started)
            {
                _started = true;
                _hasResponse = _response.MoveNext();
            }

            if (_hasResponse &&
                (!_oscorePending || _response.Number <= CoapOptionNumber.Oscore) &&
                (!_extraPending || _response.Number <= _extraNumber))
            {
                Number = _response.Number;
                Value = _response.Value;
                _hasResponse = _response.MoveNext();
                return true;
            }

            if (_oscorePending && (!_extraPending || CoapOptionNumber.Oscore <= _extraNumber))
            {
                _oscorePending = false;
                Number = CoapOptionNumber.Oscore;
                Value = _oscore;
                return true;
            }

            if (_extraPending)
            {
                _extraPending = false;
                Number = _extraNumber;
                Value = _extraValue;
                return true;
            }

            return false;
        }
    }
}
