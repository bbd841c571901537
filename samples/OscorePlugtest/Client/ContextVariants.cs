using Coap;

namespace OscorePlugtest.Client;

/// <summary>Copies of a configured context, aimed at one server, some deliberately wrong for the negative tests.</summary>
public static class ContextVariants
{
    /// <summary>The context as configured, protecting every request to <paramref name="serverUri"/>.</summary>
    public static CoapOscoreContextOptions For(CoapOscoreContextOptions source, string serverUri)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new CoapOscoreContextOptions
        {
            Name = source.Name,
            MasterSecret = source.MasterSecret,
            MasterSalt = source.MasterSalt,
            SenderId = source.SenderId,
            RecipientId = source.RecipientId,
            IdContext = source.IdContext,
            Algorithm = source.Algorithm,
        };
        copy.Uris.Add(serverUri + "/*");
        return copy;
    }

    /// <summary>Test 12: a Sender ID the server has no context for.</summary>
    public static CoapOscoreContextOptions UnknownSenderId(CoapOscoreContextOptions context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Name += " (unknown Sender ID)";
        context.SenderId = "ff";
        return context;
    }

    /// <summary>Test 13: every byte of the Master Secret inverted, so the Sender Key is wrong.</summary>
    public static CoapOscoreContextOptions WrongMasterSecret(CoapOscoreContextOptions context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var secret = Convert.FromHexString(context.MasterSecret);
        for (var i = 0; i < secret.Length; i++)
        {
            secret[i] = (byte)~secret[i];
        }

        context.Name += " (wrong Master Secret)";
        context.MasterSecret = Convert.ToHexStringLower(secret);
        return context;
    }

    /// <summary>Test 14: a Recipient ID other than the server's Sender ID, so the Recipient Key is wrong.</summary>
    public static CoapOscoreContextOptions WrongRecipientId(CoapOscoreContextOptions context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Name += " (wrong Recipient ID)";
        context.RecipientId = "ff";
        return context;
    }
}
