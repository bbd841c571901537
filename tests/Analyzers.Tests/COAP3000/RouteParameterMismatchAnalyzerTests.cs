using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.RouteParameterMismatchAnalyzer>;

namespace Coap.Analyzers.Tests.COAP3000;

public class RouteParameterMismatchAnalyzerTests
{
    [Fact]
    public Task RouteParameterWithoutActionParameter_IsReportedOnTheTemplate() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("firmware")]
        public sealed class FirmwareController : CoapController
        {
            [Get({|COAP3002:"{version}"|})]
            public string Image() => "";

            [Get({|COAP3002:template: "{a}/{b}"|})]
            public string Pair(string a) => a;
        }
        """);

    [Fact]
    public Task PrefixParameter_MustBeBoundToo() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("devices/{deviceId}")]
        public sealed class DevicesController : CoapController
        {
            [Get("name")]
            public string Bound(string deviceId) => deviceId;

            [{|COAP3002:Get|}]
            public string Unbound() => "";
        }
        """);

    [Fact]
    public Task RouteParameter_MatchedByNameOrFromRouteName_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("firmware")]
        public sealed class FirmwareController : CoapController
        {
            [Get("{Version}")]
            public string ByName(string version) => version;

            [Get("{id:int}/{*rest}")]
            public string Renamed([FromRoute(Name = "ID")] int number, string rest) => rest;

            [Get("static")]
            public string NoParameters() => "";
        }
        """);

    [Fact]
    public Task ParameterBoundElsewhere_DoesNotBindTheRouteParameter() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController]
        public sealed class ItemsController : CoapController
        {
            [Get({|COAP3002:"items/{id}"|})]
            public string Query([FromQuery] string id) => id;
        }
        """);

    [Fact]
    public Task FromRouteParameterNotInTemplate_IsReportedOnTheParameter() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("items")]
        public sealed class ItemsController : CoapController
        {
            [Get("{id}")]
            public string A(string id, [FromRoute] string {|COAP3003:extra|}) => id + extra;

            // Renamed away from the template: neither side binds.
            [Get({|COAP3002:"{id}"|})]
            public string B([FromRoute(Name = "key")] string {|COAP3003:id|}) => id;
        }
        """);

    [Fact]
    public async Task Messages_SayHowToFix()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using Coap;

            [CoapController("items")]
            public sealed class ItemsController : CoapController
            {
                [Get("{id}")]
                public string A([FromRoute] string name) => name;
            }
            """);

        var messages = diagnostics.OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(
            [
                "Route parameter 'id' in '/items/{id}' is not bound to any parameter of action 'A'; add a parameter named 'id' or mark one [FromRoute(Name = \"id\")]",
                "Parameter 'name' of action 'A' is [FromRoute] but '/items/{id}' has no route parameter 'name'; add '{name}' to the template or bind the parameter another way",
            ],
            messages);
    }
}
