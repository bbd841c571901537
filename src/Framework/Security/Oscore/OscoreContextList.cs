namespace Coap.Security.Oscore;

/// <summary>
/// The simplest <see cref="IOscoreContextResolver"/>: a fixed list searched in order. A context
/// matches when its Recipient ID equals the kid and, if a kid context was sent, its ID Context
/// equals it. Fine for a handful of peers; a server with many keeps a dictionary instead.
/// </summary>
internal sealed class OscoreContextList : IOscoreContextResolver
{
    private readonly OscoreSecurityContext[] _contexts;

    /// <summary>Creates the resolver over the given contexts.</summary>
    public OscoreContextList(params OscoreSecurityContext[] contexts) => _contexts = [.. contexts];

    /// <inheritdoc />
    public OscoreSecurityContext? Resolve(ReadOnlySpan<byte> kid, bool hasKidContext, ReadOnlySpan<byte> kidContext)
    {
        foreach (var context in _contexts)
        {
            if (!context.Recipient.Id.AsSpan().SequenceEqual(kid))
            {
                continue;
            }

            if (hasKidContext && (context.Common.IdContext is null || !context.Common.IdContext.AsSpan().SequenceEqual(kidContext)))
            {
                continue;
            }

            return context;
        }

        return null;
    }
}
