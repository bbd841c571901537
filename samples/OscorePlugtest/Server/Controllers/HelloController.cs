using Coap;

namespace OscorePlugtest.Server.Controllers;

/// <summary>
/// The GET, POST and PUT resources of the test specification (tests 0–5 and 8–10). Everything but
/// /oscore/hello/coap requires OSCORE; unprotected requests to them get 4.01.
/// </summary>
[CoapController("oscore/hello"), RequireOscore]
public sealed class HelloController : CoapController
{
    /// <summary>The ETag of /oscore/hello/2.</summary>
    public const byte Hello2ETag = 0x2b;

    /// <summary>The ETag /oscore/hello/7 currently has: PUTs with this If-Match succeed.</summary>
    public const byte Hello7ETag = 0x7b;

    /// <summary>The one byte /oscore/hello/6 expects and echoes.</summary>
    public const byte Hello6Payload = 0x4a;

    /// <summary>Test 0: plain CoAP.</summary>
    [Get("coap"), AllowUnprotected, ContentFormat(CoapContentFormat.TextPlain)]
    public CoapResult Plain() => Content(PlugtestBodies.HelloWorld);

    /// <summary>Tests 1, 2 and 5 (with context A, with context C, and with an Observe it does not honour).</summary>
    [Get("1"), ContentFormat(CoapContentFormat.TextPlain)]
    public CoapResult Hello1() => Content(PlugtestBodies.HelloWorld);

    /// <summary>Test 3: a query, answered with an ETag.</summary>
    [Get("2"), ContentFormat(CoapContentFormat.TextPlain)]
    public CoapResult Hello2()
    {
        if (!Context.TryGetQueryParameter("first"u8, out var first) || !first.SequenceEqual("1"u8))
        {
            return BadRequest("expects the query first=1");
        }

        Context.Response.AddOption(CoapOptionNumber.ETag, [Hello2ETag]);
        return Content(PlugtestBodies.HelloWorld);
    }

    /// <summary>Test 4: Accept text/plain, answered with Max-Age 5.</summary>
    [Get("3"), ContentFormat(CoapContentFormat.TextPlain)]
    public CoapResult Hello3()
    {
        if (!Context.TryGetOption(CoapOptionNumber.Accept, out var accept) || !accept.IsEmpty)
        {
            // Accept 0 (text/plain) is the empty option value.
            return Status(CoapCode.NotAcceptable, "expects Accept: 0");
        }

        return Content(PlugtestBodies.HelloWorld).WithMaxAge(5);
    }

    /// <summary>Test 8: POST of 0x4a, echoed with 2.04.</summary>
    [Post("6")]
    public CoapResult Hello6()
    {
        if (!Context.Payload.Span.SequenceEqual([Hello6Payload]))
        {
            return BadRequest("expects the payload 0x4a");
        }

        return CoapResult.WithPayload(CoapCode.Changed, new[] { Hello6Payload }, CoapContentFormat.TextPlain);
    }

    /// <summary>Tests 9 and 10: a PUT conditional on the ETag 0x7b succeeds; one that asks the resource not to exist fails.</summary>
    [Put("7")]
    public CoapResult Hello7()
    {
        // RFC 7252 §5.10.8: the resource exists, so If-None-Match fails, and If-Match needs a current ETag.
        if (Context.TryGetOption(CoapOptionNumber.IfNoneMatch, out _) || !IfMatchAllows())
        {
            return Status(CoapCode.PreconditionFailed);
        }

        return Context.Payload.Span.SequenceEqual("z"u8) ? Changed() : BadRequest("expects the payload \"z\"");
    }

    private bool IfMatchAllows()
    {
        var present = false;
        foreach (var option in Context.Options)
        {
            if (option.Number == CoapOptionNumber.IfMatch)
            {
                present = true;
                if (option.Value.SequenceEqual([Hello7ETag]))
                {
                    return true;
                }
            }
        }

        return !present;
    }
}
