using System.Globalization;

namespace Coap;

/// <summary>
/// Base class for controllers: access to the current request and helpers that build results.
/// Derive from it and mark the class <see cref="CoapControllerAttribute"/>; the generator
/// routes to its action methods.
/// </summary>
public abstract class CoapController
{
    private CoapContext? _context;

    /// <summary>The request being handled. Set before an action runs.</summary>
    public CoapContext Context
    {
        get => _context ?? throw new InvalidOperationException("No request is being handled.");
        set => _context = value;
    }

#pragma warning disable CA1822 // Helpers read like ASP.NET's ControllerBase: instance methods on purpose.
    /// <summary>2.05 with a UTF-8 text payload.</summary>
    public CoapResult Content(string text) => CoapResult.WithText(CoapCode.Content, text);

    /// <summary>2.05 with a number as text.</summary>
    public CoapResult Content(double value) => Content(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>2.05 with a number as text.</summary>
    public CoapResult Content(long value) => Content(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>2.05 with a binary payload in the given format (application/octet-stream by default).</summary>
    public CoapResult Content(ReadOnlyMemory<byte> payload, ushort contentFormat = CoapContentFormat.OctetStream) =>
        CoapResult.WithPayload(CoapCode.Content, payload, contentFormat);

    /// <summary>2.01 Created.</summary>
    public CoapResult Created() => CoapResult.Status(CoapCode.Created);

    /// <summary>2.02 Deleted.</summary>
    public CoapResult Deleted() => CoapResult.Status(CoapCode.Deleted);

    /// <summary>2.03 Valid.</summary>
    public CoapResult Valid() => CoapResult.Status(CoapCode.Valid);

    /// <summary>2.04 Changed.</summary>
    public CoapResult Changed() => CoapResult.Status(CoapCode.Changed);

    /// <summary>4.00 Bad Request, with an optional diagnostic payload.</summary>
    public CoapResult BadRequest(string? diagnostic = null) => Error(CoapCode.BadRequest, diagnostic);

    /// <summary>4.04 Not Found.</summary>
    public CoapResult NotFound() => CoapResult.Status(CoapCode.NotFound);

    /// <summary>4.03 Forbidden.</summary>
    public CoapResult Forbidden() => CoapResult.Status(CoapCode.Forbidden);

    /// <summary>Any code, with an optional diagnostic payload.</summary>
    public CoapResult Status(CoapCode code, string? diagnostic = null) => Error(code, diagnostic);
#pragma warning restore CA1822

    private static CoapResult Error(CoapCode code, string? diagnostic) =>
        diagnostic is null ? CoapResult.Status(code) : CoapResult.WithText(code, diagnostic);
}
