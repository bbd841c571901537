using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.ObservableNeverNotifiedAnalyzer>;

namespace Coap.Analyzers.Tests.COAP4000;

public class ObservableNeverNotifiedAnalyzerTests
{
    private const string Sensors = /* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp"), Observable]
            public double Temperature() => 21.5;
        }
        """;

    private const string Other = /* lang=c#-test */ """
        using Coap;

        [CoapController("other")]
        public sealed class OtherController : CoapController
        {
            [Get("x"), Observable]
            public int X() => 1;
        }
        """;

    [Fact]
    public Task ObservableAction_NeverNotified_IsReportedOnItsName() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp"), Observable]
            public double [|Temperature|]() => 21.5;

            [Fetch("humidity")]
            [Observable]
            public double [|Humidity|]() => 50;

            [Get("plain")]
            public double Plain() => 1;
        }
        """);

    [Fact]
    public async Task Message_SaysWhichNotifierToInjectAndWhatToCall()
    {
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(Sensors));

        Assert.Equal(
            "Observable action 'SensorsController.Temperature' is never notified: inject ICoapNotifier<SensorsController> and call NotifyTemperature() when the resource changes",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task FieldOfTheNotifierType_Silences() => Verify.VerifyAnalyzerAsync(Sensors, /* lang=c#-test */ """
        using Coap;

        public sealed class Sampler
        {
            private readonly ICoapNotifier<SensorsController>? _notifier = null;

            public override string ToString() => _notifier?.ToString() ?? "";
        }
        """);

    [Fact]
    public Task PropertyOfTheNotifierType_Silences() => Verify.VerifyAnalyzerAsync(Sensors, /* lang=c#-test */ """
        using Coap;

        public sealed class Sampler
        {
            public ICoapNotifier<SensorsController>? Notifier { get; set; }
        }
        """);

    [Fact]
    public Task ConstructorParameter_Silences() => Verify.VerifyAnalyzerAsync(Sensors, /* lang=c#-test */ """
        using Coap;

        public sealed class Sampler
        {
            public Sampler(ICoapNotifier<SensorsController> notifier)
            {
            }
        }
        """);

    [Fact]
    public Task PrimaryConstructorParameter_Silences() => Verify.VerifyAnalyzerAsync(Sensors, /* lang=c#-test */ """
        using Coap;

        public sealed class Sampler(ICoapNotifier<SensorsController> notifier)
        {
            public void Changed() => notifier.Notify("/sensors/temp");
        }
        """);

    [Fact]
    public Task CastAndInvocationReceiver_Silence() => Verify.VerifyAnalyzerAsync(Sensors, /* lang=c#-test */ """
        using System;
        using Coap;

        public static class Sampler
        {
            public static void Changed(IServiceProvider services)
            {
                ((ICoapNotifier<SensorsController>)services.GetService(typeof(ICoapNotifier<SensorsController>))!).Notify("/sensors/temp");
            }
        }
        """);

    [Fact]
    public Task LocalVariable_Silences() => Verify.VerifyAnalyzerAsync(Sensors, /* lang=c#-test */ """
        using Coap;

        public static class Sampler
        {
            public static void Changed()
            {
                ICoapNotifier<SensorsController>? notifier = null;
                _ = notifier;
            }
        }
        """);

    [Fact]
    public Task ExtensionCallOnAResolvedNotifier_Silences() => Verify.VerifyAnalyzerAsync(Sensors, /* lang=c#-test */ """
        using Coap;

        public static class Sampler
        {
            public static void Changed() => Resolve<ICoapNotifier<SensorsController>>().Touch();

            private static T Resolve<T>() => default!;
        }

        public static class Extensions
        {
            public static void Touch<T>(this T value) { }
        }
        """);

    [Fact]
    public Task OpenNotifierType_Silences() => Verify.VerifyAnalyzerAsync(Sensors, /* lang=c#-test */ """
        using Coap;

        public sealed class Forwarder<TController>(ICoapNotifier<TController> notifier)
        {
            public void Changed(string path) => notifier.Notify(path);
        }
        """);

    [Fact]
    public Task CoapObservationsNotify_SilencesEveryController() => Verify.VerifyAnalyzerAsync(Sensors, Other, ObservationsCaller());

    [Fact]
    public Task CoapObservations_WithoutANotifyCall_DoesNotSilence() => Verify.VerifyAnalyzerAsync(
        Sensors.Replace("double Temperature", "double [|Temperature|]", StringComparison.Ordinal),
        ObservationsStub() + "public static class Sampler { public static string Name => nameof(Coap.CoapObservations); }\n");

    [Fact]
    public Task NotifyOnAnotherCoapObservations_DoesNotSilence() => Verify.VerifyAnalyzerAsync(
        Sensors.Replace("double Temperature", "double [|Temperature|]", StringComparison.Ordinal),
        /* lang=c#-test */ """
        namespace Elsewhere
        {
            public static class CoapObservations
            {
                public static void Notify(string path) { }
            }

            public static class Sampler
            {
                public static void Changed() => CoapObservations.Notify("/sensors/temp");
            }
        }
        """);

    [Fact]
    public Task AsyncEnumerableOrObservableReturn_CountsAsNotifying() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp"), Observable]
            public async IAsyncEnumerable<double> Temperature()
            {
                await Task.Yield();
                yield return 21.5;
            }

            [Get("humidity"), Observable]
            public IObservable<double> Humidity() => throw new NotSupportedException();
        }
        """);

    [Fact]
    public Task NotifierOfAnotherController_DoesNotSilence() => Verify.VerifyAnalyzerAsync(
        Sensors.Replace("double Temperature", "double [|Temperature|]", StringComparison.Ordinal),
        /* lang=c#-test */ """
        using Coap;

        [CoapController("other")]
        public sealed class OtherController : CoapController
        {
            [Get("x"), Observable]
            public int X() => 1;
        }

        public sealed class Sampler(ICoapNotifier<OtherController> notifier)
        {
            public void Changed() => notifier.Notify("/other/x");
        }
        """);

    [Fact]
    public Task NotifierUsedOnlyInGeneratedCode_DoesNotSilence() => Verify.VerifyAnalyzerAsync(
        Sensors.Replace("double Temperature", "double [|Temperature|]", StringComparison.Ordinal),
        /* lang=c#-test */ """
        // <auto-generated/>
        #nullable enable

        public static class SensorsControllerNotifierExtensions
        {
            public static void NotifyTemperature(this global::Coap.ICoapNotifier<SensorsController> notifier) =>
                notifier.Notify("/sensors/temp");
        }
        """);

    [Fact]
    public Task ObservableOutsideAnAction_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Observable]
            public double Helper() => 1;
        }

        public sealed class Plain
        {
            [Get("x"), Observable]
            public double NotAController() => 1;
        }
        """);

    /// <summary>
    /// A call to <c>CoapObservations.Notify</c>: the framework's type when it has one (static or
    /// instance <c>Notify</c>), else a stand-in declared in the test source.
    /// </summary>
    private static string ObservationsCaller()
    {
        var isStatic = FrameworkObservations()?.GetMethod("Notify", [typeof(string)])?.IsStatic == true;
        var caller = isStatic
            ? "public sealed class Sampler { public void Changed() => Coap.CoapObservations.Notify(\"/sensors/temp\"); }\n"
            : "public sealed class Sampler(Coap.CoapObservations observations) { public void Changed() => observations.Notify(\"/sensors/temp\"); }\n";
        return ObservationsStub() + caller;
    }

    /// <summary>A stand-in <c>Coap.CoapObservations</c> while the framework has none.</summary>
    private static string ObservationsStub() => FrameworkObservations() is null
        ? "namespace Coap { public sealed class CoapObservations { public void Notify(string path) { } } }\n"
        : "";

    private static Type? FrameworkObservations() => typeof(CoapController).Assembly.GetType("Coap.CoapObservations");
}
