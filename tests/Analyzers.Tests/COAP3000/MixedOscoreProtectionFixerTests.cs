using Verify = Coap.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Coap.Analyzers.MixedOscoreProtectionAnalyzer,
    Coap.Analyzers.MixedOscoreProtectionFixer>;

namespace Coap.Analyzers.Tests.COAP3000;

public class MixedOscoreProtectionFixerTests
{
    [Fact]
    public Task AllowUnprotected_GoesIntoTheLastMethodAttributeList() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("locks")]
        public sealed class LocksController : CoapController
        {
            [Put("door"), RequireOscore]
            public void Open() { }

            [Get("door")]
            public string [|State|]() => "closed";

            [Get("battery")]
            [MaxAge(60)]
            [return: System.Diagnostics.CodeAnalysis.NotNull]
            public string [|Battery|]() => "90";

            [Get("name"),]
            public string [|Name|]() => "front";
        }
        """, /* lang=c#-test */ """
        using Coap;

        [CoapController("locks")]
        public sealed class LocksController : CoapController
        {
            [Put("door"), RequireOscore]
            public void Open() { }

            [Get("door"), AllowUnprotected]
            public string State() => "closed";

            [Get("battery")]
            [MaxAge(60), AllowUnprotected]
            [return: System.Diagnostics.CodeAnalysis.NotNull]
            public string Battery() => "90";

            [Get("name"), AllowUnprotected]
            public string Name() => "front";
        }
        """, MixedOscoreProtectionFixer.Key_AllowUnprotected);

    [Fact]
    public Task RequireOscore_IsTheOtherFix() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("locks")]
        public sealed class LocksController : CoapController
        {
            [Put("door"), RequireOscore]
            public void Open() { }

            [Get("door")]
            public string [|State|]() => "closed";
        }
        """, /* lang=c#-test */ """
        using Coap;

        [CoapController("locks")]
        public sealed class LocksController : CoapController
        {
            [Put("door"), RequireOscore]
            public void Open() { }

            [Get("door"), RequireOscore]
            public string State() => "closed";
        }
        """, MixedOscoreProtectionFixer.Key_RequireOscore);

    [Fact]
    public Task WithoutUsingCoap_TheAttributeIsQualified() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        [Coap.CoapController("locks")]
        public sealed class LocksController : Coap.CoapController
        {
            [Coap.Put("door"), Coap.RequireOscore]
            public void Open() { }

            [Coap.Get("door")]
            public string [|State|]() => "closed";
        }
        """, /* lang=c#-test */ """
        [Coap.CoapController("locks")]
        public sealed class LocksController : Coap.CoapController
        {
            [Coap.Put("door"), Coap.RequireOscore]
            public void Open() { }

            [Coap.Get("door"), global::Coap.AllowUnprotected]
            public string State() => "closed";
        }
        """, MixedOscoreProtectionFixer.Key_AllowUnprotected);

    [Fact]
    public Task FixAll_MarksEveryUnmarkedAction() => Verify.VerifyFixAllAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("locks")]
        public sealed class LocksController : CoapController
        {
            [Put("door"), RequireOscore]
            public void Open() { }

            [Get("door")]
            public string [|State|]() => "closed";

            [Get("name")]
            public string [|Name|]() => "front";
        }
        """, /* lang=c#-test */ """
        using Coap;

        [CoapController("locks")]
        public sealed class LocksController : CoapController
        {
            [Put("door"), RequireOscore]
            public void Open() { }

            [Get("door"), AllowUnprotected]
            public string State() => "closed";

            [Get("name"), AllowUnprotected]
            public string Name() => "front";
        }
        """, MixedOscoreProtectionFixer.Key_AllowUnprotected);
}
