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

        /// <summary>
        /// Whether the action's <c>[Multicast]</c> says <c>DelayResponses = false</c>. The nearest mark decides: the
        /// action's own (or its overridden method's), else the controller's, so an action can restore the default.
        /// </summary>
        private static bool ReadMulticastWithoutDelays(IMethodSymbol method, INamedTypeSymbol controller) =>
            (FindMulticastMark(method) ?? FindMulticastMark(controller)) is { } mark && !DelaysResponses(mark);

        private static bool DelaysResponses(AttributeData mark)
        {
            foreach (var argument in mark.NamedArguments)
            {
                if (argument.Key == "DelayResponses" && argument.Value.Value is bool delays)
                {
                    return delays;
                }
            }

            return true;
        }

        private static bool HasMulticastMark(ISymbol symbol) => FindMulticastMark(symbol) is not null;

        private static AttributeData? FindMulticastMark(ISymbol symbol)
        {
            for (var current = symbol; current is not null; current = Inherited(current))
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == MulticastName)
                    {
                        return attribute;
                    }
                }
            }

            return null;
        }
    }
}
