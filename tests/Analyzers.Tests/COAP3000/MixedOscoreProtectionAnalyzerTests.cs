using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.MixedOscoreProtectionAnalyzer>;

namespace Coap.Analyzers.Tests.COAP3000;

/// <summary>COAP3009: a controller whose actions are partly [RequireOscore] and partly unmarked.</summary>
public class MixedOscoreProtectionAnalyzerTests
{
    [Fact]
    public Task UnmarkedActions_BesideAProtectedOne_AreReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("locks")]
        public sealed class LocksController : CoapController
        {
            [Put("door"), RequireOscore]
            public void Open() { }

            [Get("door")]
            public string [|State|]() => "closed";

            [Get("battery"), Fetch("battery")]
            public int [|Battery|]() => 90;

            [Get("name"), AllowUnprotected]
            public string Name() => "front";

            public string NotAnAction() => "";
        }
        """);

    [Fact]
    public Task NoProtectedAction_OrEveryActionMarked_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("plain")]
        public sealed class PlainController : CoapController
        {
            [Get("a")]
            public string A() => "a";

            [Get("b"), AllowUnprotected]
            public string B() => "b";
        }

        [CoapController("marked")]
        public sealed class MarkedController : CoapController
        {
            [Get("a"), RequireOscore]
            public string A() => "a";

            [Get("b"), AllowUnprotected]
            public string B() => "b";

            [Get("c"), RequireOscore, AllowUnprotected]
            public string C() => "c";
        }

        public sealed class NotAController
        {
            [RequireOscore]
            public string A() => "a";

            public string B() => "b";
        }
        """);

    [Fact]
    public Task ControllerLevelAttributes_CoverTheUnmarkedActions() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("secure"), RequireOscore]
        public sealed class SecureController : CoapController
        {
            [Get("a"), RequireOscore]
            public string A() => "a";

            [Get("b")]
            public string B() => "b";
        }

        [CoapController("open"), AllowUnprotected]
        public sealed class OpenController : CoapController
        {
            [Get("a"), RequireOscore]
            public string A() => "a";

            [Get("b")]
            public string B() => "b";
        }

        [RequireOscore]
        public abstract class ProtectedBase : CoapController
        {
        }

        [CoapController("derived")]
        public sealed class DerivedController : ProtectedBase
        {
            [Get("a"), RequireOscore]
            public string A() => "a";

            [Get("b")]
            public string B() => "b";
        }
        """);

    [Fact]
    public Task AnOverride_TakesTheMarkOfTheMethodItOverrides() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        public abstract class BaseController : CoapController
        {
            [RequireOscore]
            public virtual string Secret() => "base";

            [AllowUnprotected]
            public virtual string Public() => "base";
        }

        [CoapController("items")]
        public sealed class ItemsController : BaseController
        {
            [Get("secret")]
            public override string Secret() => "s";

            [Get("public")]
            public override string Public() => "p";

            [Get("other")]
            public string [|Other|]() => "o";
        }
        """);

    [Fact]
    public async Task Message_NamesTheControllerAndTheAction()
    {
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using Coap;

            [CoapController("locks")]
            public sealed class LocksController : CoapController
            {
                [Put("door"), RequireOscore]
                public void Open() { }

                [Get("door")]
                public string State() => "closed";
            }
            """));

        Assert.Equal(
            "Controller 'LocksController' mixes OSCORE-protected and unprotected actions; mark 'State' with [RequireOscore] or [AllowUnprotected]",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
