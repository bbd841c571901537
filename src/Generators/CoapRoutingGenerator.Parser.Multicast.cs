using Microsoft.CodeAnalysis;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal static partial class Parser
    {
        private const string MulticastName = "Coap.MulticastAttribute";

        /// <summary>
        /// Whether the action answers requests that arrived via multicast: <c>[Multicast]</c> on the action or its
        /// controller, or (as it is <c>Inherited = true</c>) on an overridden method or a base class.
        /// </summary>
        private static bool ReadMulticast(IMethodSymbol method, INamedTypeSymbol controller) =>
            HasMulticastMark(method) || HasMulticastMark(controller);

        private static bool HasMulticastMark(ISymbol symbol)
        {
            for (var current = symbol; current is not null; current = Inherited(current))
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == MulticastName)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
