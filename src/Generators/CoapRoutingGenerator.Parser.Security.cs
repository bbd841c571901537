using Coap.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal static partial class Parser
    {
        private const string RequireOscoreName = "Coap.RequireOscoreAttribute";
        private const string AllowUnprotectedName = "Coap.AllowUnprotectedAttribute";

        /// <summary>
        /// The action's OSCORE requirement. The action's own attributes come first, then its controller's;
        /// at either level [RequireOscore] wins over [AllowUnprotected], so a conflict fails closed.
        /// </summary>
        private static OscoreRequirement ReadOscoreRequirement(IMethodSymbol method, INamedTypeSymbol controller)
        {
            var action = ReadOscoreMarks(method);
            return action != OscoreRequirement.Default ? action : ReadOscoreMarks(controller);
        }

        /// <summary>
        /// The attributes on the symbol or, as both are <c>Inherited = true</c>, on a base class or an overridden
        /// method: the generated check then agrees with what reflection reports for the type.
        /// </summary>
        private static OscoreRequirement ReadOscoreMarks(ISymbol symbol)
        {
            var allowed = false;
            for (var current = symbol; current is not null; current = Inherited(current))
            {
                foreach (var attribute in current.GetAttributes())
                {
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case RequireOscoreName:
                            return OscoreRequirement.Required;
                        case AllowUnprotectedName:
                            allowed = true;
                            break;
                    }
                }
            }

            return allowed ? OscoreRequirement.Allowed : OscoreRequirement.Default;
        }

        private static ISymbol? Inherited(ISymbol symbol) => symbol switch
        {
            IMethodSymbol method => method.OverriddenMethod,
            INamedTypeSymbol type => type.BaseType,
            _ => null,
        };
    }
}
