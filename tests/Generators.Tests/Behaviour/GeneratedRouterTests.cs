using System.Text;
using Coap.Generators.Tests.Infrastructure;

namespace Coap.Generators.Tests.Behaviour;

/// <summary>
/// The generated router, compiled from Sources/BehaviourApp.cs and served over real UDP: what
/// a client sees. Split by concern: matching, binding, results, activation, discovery.
/// </summary>
public sealed partial class GeneratedRouterTests(BehaviourAppFixture fixture) : IClassFixture<BehaviourAppFixture>
{
    private CompiledApp App => fixture.App;

    private static CoapRequest WithAccept(CoapRequest request, ushort format)
    {
        request.Options.Add(CoapOptionNumber.Accept, format);
        return request;
    }

    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static void AssertResponse(CoapResponse response, CoapCode code, string? payload = null)
    {
        Assert.True(code == response.Code, $"Expected {code}, got {response.Code} \"{response.GetPayloadAsString()}\"");
        if (payload is not null)
        {
            Assert.Equal(payload, response.GetPayloadAsString());
        }
    }
}
