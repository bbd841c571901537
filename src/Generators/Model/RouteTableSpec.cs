using System;
using System.Collections.Generic;
using System.Linq;
using Coap.Generators.Helpers;

namespace Coap.Generators.Model;

/// <summary>Everything one generated router is made of: the controllers, sorted, and what the compilation offers.</summary>
internal sealed record RouteTableSpec
{
    /// <summary>Controllers ordered by type name, so the output does not depend on file order.</summary>
    public required EquatableArray<ControllerSpec> Controllers { get; init; }

    /// <summary>Whether <c>Coap.CoapApplication.MapRouter</c> exists, so the <c>MapControllers</c> extension compiles.</summary>
    public required bool EmitMapControllers { get; init; }

    public static RouteTableSpec Create(IEnumerable<ControllerSpec> controllers, bool emitMapControllers) => new()
    {
        Controllers = controllers.OrderBy(c => c.TypeName, StringComparer.Ordinal).ToEquatableArray(),
        EmitMapControllers = emitMapControllers,
    };
}
