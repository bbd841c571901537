using System.Globalization;

namespace Coap.Security.Oscore.Configuration;

/// <summary>
/// Turns <see cref="CoapSecurityOptions"/> into derivation parameters, failing start-up with the configuration key
/// of the first bad value (<c>Coap:Security:Contexts:0:SenderId</c>). Error messages name keys, never secret values.
/// </summary>
internal static class OscoreConfigurationReader
{
    private const string Base64Prefix = "base64:";
    private const string HexPrefix = "hex:";

    /// <summary>Reads and checks every context; <paramref name="section"/> prefixes the keys in errors.</summary>
    public static IReadOnlyList<OscoreConfiguredContext> Read(CoapSecurityOptions options, string section = "Coap:Security")
    {
        if (options.ReplayWindowSize is < 1 or > 1024)
        {
            throw Invalid($"{section}:ReplayWindowSize", "must be from 1 to 1024");
        }

        if (options.SequenceNumberReserve is < 1 or > (1 << 20))
        {
            throw Invalid($"{section}:SequenceNumberReserve", "must be from 1 to 1048576");
        }

        var contexts = new List<OscoreConfiguredContext>(options.Contexts.Count);
        var identities = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Contexts.Count; i++)
        {
            var key = $"{section}:Contexts:{i}";
            var context = ReadContext(options.Contexts[i], key);
            var identity = $"{Convert.ToHexString(context.Parameters.RecipientId)}/{(context.Parameters.IdContext is { } id ? Convert.ToHexString(id) : "-")}";
            if (!identities.Add(identity))
            {
                // A server finds the context by kid and kid context (RFC 8613 §8.2): two alike would be ambiguous.
                throw Invalid($"{key}:RecipientId", "repeats the Recipient ID and ID Context of an earlier context");
            }

            contexts.Add(context);
        }

        return contexts;
    }

    private static OscoreConfiguredContext ReadContext(CoapOscoreContextOptions options, string key)
    {
        var algorithm = ReadAlgorithm(options.Algorithm, $"{key}:Algorithm");
        var secret = ReadBytes(options.MasterSecret, $"{key}:MasterSecret");
        if (secret.Length == 0)
        {
            throw Invalid($"{key}:MasterSecret", "is required");
        }

        var salt = options.MasterSalt is null ? [] : ReadBytes(options.MasterSalt, $"{key}:MasterSalt");
        var sender = ReadBytes(options.SenderId, $"{key}:SenderId");
        var recipient = ReadBytes(options.RecipientId, $"{key}:RecipientId");
        var idContext = options.IdContext is null ? null : ReadBytes(options.IdContext, $"{key}:IdContext");
        CheckIdLength(sender, algorithm, $"{key}:SenderId");
        CheckIdLength(recipient, algorithm, $"{key}:RecipientId");
        if (sender.AsSpan().SequenceEqual(recipient))
        {
            // RFC 8613 §3.3: the two IDs of a context must differ, or both sides would use the same keys and nonces.
            throw Invalid($"{key}:RecipientId", "must differ from the Sender ID");
        }

        var uris = new List<OscoreUriPattern>(options.Uris.Count);
        for (var i = 0; i < options.Uris.Count; i++)
        {
            if (!OscoreUriPattern.TryParse(options.Uris[i], out var pattern))
            {
                throw Invalid($"{key}:Uris:{i}", "is not an absolute coap:// or coaps:// URI (a trailing * after '/' matches the rest of the path)");
            }

            uris.Add(pattern!);
        }

        var parameters = new OscoreContextParameters
        {
            MasterSecret = secret,
            MasterSalt = salt,
            SenderId = sender,
            RecipientId = recipient,
            IdContext = idContext,
            Algorithm = algorithm,
        };
        var name = string.IsNullOrWhiteSpace(options.Name) ? key : options.Name;
        State.OscoreKeyLimits? limits = null;
        if (options.MaxEncryptions is not null || options.MaxFailedDecryptions is not null)
        {
            var recommended = State.OscoreKeyLimits.ForAlgorithm(algorithm.CoseId);
            limits = recommended with
            {
                Encryptions = options.MaxEncryptions ?? recommended.Encryptions,
                FailedDecryptions = options.MaxFailedDecryptions ?? recommended.FailedDecryptions,
            };
            if (limits.Value.Encryptions < 1 || limits.Value.FailedDecryptions < 1)
            {
                throw new InvalidOperationException($"{key}:MaxEncryptions and {key}:MaxFailedDecryptions must be at least 1.");
            }
        }

        return new OscoreConfiguredContext(name, parameters, uris) { KeyLimits = limits };
    }

    private static OscoreAlgorithm ReadAlgorithm(string text, string key)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && OscoreAlgorithm.TryGet(id, out var byId))
        {
            return byId;
        }

        foreach (var candidate in new[] { 10, 30, 1, 3, 24 })
        {
            if (OscoreAlgorithm.TryGet(candidate, out var algorithm) && string.Equals(algorithm.Name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return algorithm;
            }
        }

        throw Invalid(key, "is not a supported AEAD (AES-CCM-16-64-128, AES-CCM-16-128-128, A128GCM, A256GCM, ChaCha20/Poly1305 or their COSE numbers)");
    }

    /// <summary>Hex (optionally <c>hex:</c>), or base64 after <c>base64:</c>; whitespace and ':' or '-' between hex pairs are ignored.</summary>
    internal static byte[] ReadBytes(string text, string key)
    {
        var value = text.Trim();
        if (value.StartsWith(Base64Prefix, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Convert.FromBase64String(value[Base64Prefix.Length..]);
            }
            catch (FormatException)
            {
                throw Invalid(key, "is not valid base64");
            }
        }

        if (value.StartsWith(HexPrefix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[HexPrefix.Length..];
        }

        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..];
        }

        value = value.Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        try
        {
            return Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            throw Invalid(key, "is not hex (or base64 with the prefix 'base64:')");
        }
    }

    private static void CheckIdLength(byte[] id, OscoreAlgorithm algorithm, string key)
    {
        if (id.Length > algorithm.MaxIdLength)
        {
            throw Invalid(key, $"is {id.Length} bytes; {algorithm.Name} allows at most {algorithm.MaxIdLength} (RFC 8613 §3.3)");
        }
    }

    private static InvalidOperationException Invalid(string key, string problem) => new($"{key} {problem}.");
}
