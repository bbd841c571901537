using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal static partial class Parser
    {
        /// <summary>The framework and BCL types the parser compares against, looked up once per parse and never kept.</summary>
        private sealed class KnownTypes
        {
            public KnownTypes(Compilation compilation)
            {
                CoapController = compilation.GetTypeByMetadataName("Coap.CoapController");
                CoapMethodAttribute = compilation.GetTypeByMetadataName("Coap.CoapMethodAttribute");
                CoapContext = compilation.GetTypeByMetadataName("Coap.CoapContext");
                CoapResult = compilation.GetTypeByMetadataName("Coap.CoapResult");
                FromRouteAttribute = compilation.GetTypeByMetadataName("Coap.FromRouteAttribute");
                FromQueryAttribute = compilation.GetTypeByMetadataName("Coap.FromQueryAttribute");
                FromPayloadAttribute = compilation.GetTypeByMetadataName("Coap.FromPayloadAttribute");
                FromServicesAttribute = compilation.GetTypeByMetadataName("Coap.FromServicesAttribute");
                CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
                Guid = compilation.GetTypeByMetadataName("System.Guid");
                Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
                TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
                ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
                ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
                ReadOnlyMemoryOfT = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");
                AsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
                PipeReader = compilation.GetTypeByMetadataName("System.IO.Pipelines.PipeReader");
                Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
                HasBodyReader = CoapContext?.GetMembers("BodyReader").OfType<IPropertySymbol>().Any(p => p.DeclaredAccessibility == Accessibility.Public && Is(p.Type, PipeReader)) == true;
                SetsRequiredMembersAttribute = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
            }

            [MemberNotNullWhen(true, nameof(CoapController), nameof(CoapMethodAttribute), nameof(CoapContext), nameof(CoapResult))]
            public bool IsComplete => CoapController is not null && CoapMethodAttribute is not null && CoapContext is not null && CoapResult is not null;

            public INamedTypeSymbol? CoapController { get; }

            public INamedTypeSymbol? CoapMethodAttribute { get; }

            public INamedTypeSymbol? CoapContext { get; }

            public INamedTypeSymbol? CoapResult { get; }

            public INamedTypeSymbol? FromRouteAttribute { get; }

            public INamedTypeSymbol? FromQueryAttribute { get; }

            public INamedTypeSymbol? FromPayloadAttribute { get; }

            public INamedTypeSymbol? FromServicesAttribute { get; }

            public INamedTypeSymbol? CancellationToken { get; }

            public INamedTypeSymbol? Guid { get; }

            public INamedTypeSymbol? Task { get; }

            public INamedTypeSymbol? TaskOfT { get; }

            public INamedTypeSymbol? ValueTask { get; }

            public INamedTypeSymbol? ValueTaskOfT { get; }

            public INamedTypeSymbol? ReadOnlyMemoryOfT { get; }

            public INamedTypeSymbol? AsyncEnumerableOfT { get; }

            public INamedTypeSymbol? SetsRequiredMembersAttribute { get; }

            public INamedTypeSymbol? PipeReader { get; }

            public INamedTypeSymbol? Stream { get; }

            /// <summary>Whether <c>CoapContext.BodyReader</c> (a PipeReader over the reassembled body) exists.</summary>
            public bool HasBodyReader { get; }

            public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
                type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
        }
    }
}
