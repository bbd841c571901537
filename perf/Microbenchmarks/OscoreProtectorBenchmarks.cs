using BenchmarkDotNet.Attributes;
using Coap.Codec;
using Coap.Security.Oscore;

namespace Coap.Microbenchmarks;

/// <summary>
/// The OSCORE message layer (<see cref="OscoreProtector"/>) on a GET with a 64-byte payload and its
/// 64-byte 2.05, with the RFC 8613 C.1 context derived once. The protector gets no replay check, so
/// the same protected request unprotects every time; protecting takes a new sequence number per call,
/// as on the wire. <see cref="SealOnly"/> and <see cref="OpenOnly"/> run the context's AEAD alone on
/// the request's plaintext and AAD sizes: the crypto floor under the four calls.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RawAllocationConfig))]
public class OscoreProtectorBenchmarks
{
    private OscoreSecurityContext _client = null!;
    private OscoreSecurityContext _server = null!;
    private OscoreProtector _clientProtector = null!;
    private OscoreProtector _serverProtector = null!;
    private CoapMessage _request = null!;
    private CoapMessage _response = null!;
    private CoapMessage _protectedRequest = null!;
    private CoapMessage _protectedResponse = null!;
    private byte[] _protectedRequestBytes = null!;
    private byte[] _responseBytes = null!;
    private byte[] _plainRequest = null!;
    private OscoreRequestBinding _clientBinding;
    private OscoreRequestBinding _serverBinding;
    private byte[] _datagram = null!;
    private byte[] _nonce = null!;
    private byte[] _aad = null!;
    private byte[] _plaintext = null!;
    private byte[] _ciphertext = null!;
    private BclOscoreAead _gcm = null!;
    private BclOscoreAead _chacha = null!;
    private byte[] _nonce12 = null!;
    private byte[] _ciphertext16 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = OscoreMessages.C1(client: true);
        _server = OscoreMessages.C1(client: false);
        _clientProtector = new OscoreProtector();
        _serverProtector = new OscoreProtector(new OscoreContextList(_server));
        _request = OscoreMessages.CreateRequest();
        _response = OscoreMessages.CreateResponse();

        Check(_clientProtector.ProtectRequest(_client, _request, out var protectedRequest, out _clientBinding) == OscoreProtectResult.Ok);
        _protectedRequest = protectedRequest!;
        _protectedRequestBytes = _protectedRequest.ToArray();
        Check(_serverProtector.UnprotectRequest(_protectedRequest, out _, out _serverBinding) == OscoreUnprotectResult.Ok);
        Check(_serverProtector.ProtectResponse(_serverBinding, _response, includePartialIv: false, out var protectedResponse) == OscoreProtectResult.Ok);
        _protectedResponse = protectedResponse!;
        Check(_clientProtector.UnprotectResponse(_clientBinding, _protectedResponse, out _, out _) == OscoreUnprotectResult.Ok);
        _datagram = new byte[1152];
        _responseBytes = _response.ToArray();
        _plainRequest = new byte[_protectedRequestBytes.Length];
        var length = ServerExchange();
        var expected = _datagram.AsSpan(0, length).ToArray();
        Check(ServerExchangeSpans() == length && _datagram.AsSpan(0, length).SequenceEqual(expected));

        // The AEAD alone, sized like the request: plaintext = ciphertext − tag, AAD with an empty kid and a 1-byte PIV.
        var algorithm = _client.Algorithm;
        _plaintext = new byte[_protectedRequest.Payload.Length - algorithm.TagLength];
        _ciphertext = new byte[_protectedRequest.Payload.Length];
        _nonce = OscoreMessages.NonceForPiv0(_client);
        _aad = new byte[OscoreAad.GetSize(algorithm, _client.Sender.Id, 1, 0)];
        OscoreAad.Write(_aad, algorithm, _client.Sender.Id, [0x00], default);
        Check(SealOnly()); // so that OpenOnly opens a valid ciphertext (SealOnly rewrites the same bytes)
        _gcm = new BclOscoreAead(OscoreAlgorithm.A128Gcm, new byte[16]);
        _chacha = new BclOscoreAead(OscoreAlgorithm.ChaCha20Poly1305, new byte[32]);
        _nonce12 = new byte[12];
        _ciphertext16 = new byte[_plaintext.Length + 16];
        Console.WriteLine($"// Oscore sizes: request {_request.GetEncodedSize()} B -> protected {_protectedRequestBytes.Length} B, " +
            $"response {_response.GetEncodedSize()} B -> protected {_protectedResponse.GetEncodedSize()} B, request plaintext {_plaintext.Length} B, AAD {_aad.Length} B");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _server.Dispose();
        _gcm.Dispose();
        _chacha.Dispose();
    }

    /// <summary>Client: GET → POST with OSCORE option and ciphertext (new sequence number each call).</summary>
    [Benchmark]
    public CoapMessage? ProtectRequest()
    {
        _clientProtector.ProtectRequest(_client, _request, out var protectedRequest, out _);
        return protectedRequest;
    }

    /// <summary>Server: find the context by kid, decrypt, rebuild the GET (no replay check).</summary>
    [Benchmark]
    public CoapMessage? UnprotectRequest()
    {
        _serverProtector.UnprotectRequest(_protectedRequest, out var request, out _);
        return request;
    }

    /// <summary>Server: 2.05 → 2.04 with ciphertext, the request's nonce (no Partial IV).</summary>
    [Benchmark]
    public CoapMessage? ProtectResponse()
    {
        _serverProtector.ProtectResponse(_serverBinding, _response, includePartialIv: false, out var protectedResponse);
        return protectedResponse;
    }

    /// <summary>Client: decrypt the 2.04 and rebuild the 2.05.</summary>
    [Benchmark]
    public CoapMessage? UnprotectResponse()
    {
        _clientProtector.UnprotectResponse(_clientBinding, _protectedResponse, out var response, out _);
        return response;
    }

    /// <summary>
    /// The server's share of an exchange through today's API: parse the datagram into a
    /// <see cref="CoapMessage"/>, unprotect, protect the (prepared) response, encode it.
    /// </summary>
    [Benchmark]
    public int ServerExchange()
    {
        var outer = CoapMessage.Parse(_protectedRequestBytes);
        _serverProtector.UnprotectRequest(outer, out _, out var binding);
        _serverProtector.ProtectResponse(binding, _response, includePartialIv: false, out var protectedResponse);
        return protectedResponse!.Encode(_datagram);
    }

    /// <summary>
    /// <see cref="ServerExchange"/> as the endpoint now does it, from spans: unprotect the received view into a
    /// buffer, protect the (encoded) response's view into the datagram buffer; the same bytes.
    /// </summary>
    [Benchmark]
    public int ServerExchangeSpans()
    {
        CoapMessageReader.TryRead(_protectedRequestBytes, out var outer);
        _serverProtector.UnprotectRequestInto(outer, _plainRequest, out _, out var binding);
        CoapMessageReader.TryRead(_responseBytes, out var response);
        _serverProtector.ProtectResponseInto(binding, response, includePartialIv: false, 0, default, _datagram, out var length);
        return length;
    }

    /// <summary>The AEAD (AES-CCM-16-64-128) sealing the request's plaintext: the floor of <see cref="ProtectRequest"/>.</summary>
    [Benchmark]
    public bool SealOnly() => _client.Sender.Aead.TrySeal(_nonce, _plaintext, _aad, _ciphertext);

    /// <summary>The AEAD opening what <see cref="SealOnly"/> sealed: the floor of <see cref="UnprotectRequest"/>.</summary>
    [Benchmark]
    public bool OpenOnly() => _server.Recipient.Aead.TryOpen(_nonce, _ciphertext, _aad, _plaintext);

    /// <summary>The same seal with A128GCM (16-byte tag): does another BCL cipher reuse its native context?</summary>
    [Benchmark]
    public bool SealOnlyA128Gcm() => _gcm.TrySeal(_nonce12, _plaintext, _aad, _ciphertext16);

    /// <summary>The same seal with ChaCha20/Poly1305.</summary>
    [Benchmark]
    public bool SealOnlyChaCha20() => _chacha.TrySeal(_nonce12, _plaintext, _aad, _ciphertext16);

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("OSCORE benchmark setup failed.");
        }
    }
}
