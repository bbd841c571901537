using Coap.Codec;

namespace Coap.Security.Oscore;

/// <summary>Walking encoded options by their OSCORE placement, for the span paths.</summary>
internal sealed partial class OscoreProtector
{
    /// <summary>Which options a <see cref="PlacedOptions"/> cursor yields.</summary>
    private enum PlacementFilter : byte
    {
        /// <summary>Options that go into the plaintext (Class E, unknown, Observe).</summary>
        Inner,

        /// <summary>Options that appear in the outer message (Class U and I, Observe).</summary>
        Outer,

        /// <summary>Outer options that stay in the rebuilt message: Class U and I, not Observe (its inner copy is used).</summary>
        OuterOnly,

        /// <summary>Options written into the AAD (Class I).</summary>
        Aad,
    }

    /// <summary>The encoded size of the options <paramref name="options"/> yields, with an empty Observe when asked.</summary>
    private static int GetEncodedSize(PlacedOptions options, bool emptyObserve)
    {
        var size = 0;
        var previous = 0;
        while (options.MoveNext())
        {
            var length = emptyObserve && options.Number == CoapOptionNumber.Observe ? 0 : options.Value.Length;
            size += CoapMessageWriter.GetOptionSize(options.Number - previous, length);
            previous = options.Number;
        }

        return size;
    }

    /// <summary>Writes the options <paramref name="options"/> yields, with an empty Observe when asked.</summary>
    private static void WriteOptions(ref CoapMessageWriter writer, PlacedOptions options, bool emptyObserve)
    {
        while (options.MoveNext())
        {
            var empty = emptyObserve && options.Number == CoapOptionNumber.Observe;
            writer.WriteOption(options.Number, empty ? default : options.Value);
        }
    }

    /// <summary>An options cursor that skips the options whose placement does not match its filter; copies restart where the copy was taken.</summary>
    private ref struct PlacedOptions
    {
        private readonly OscoreProtector _protector;
        private readonly PlacementFilter _filter;
        private CoapOptionsCursor _cursor;

        public PlacedOptions(OscoreProtector protector, CoapOptionsCursor cursor, PlacementFilter filter)
        {
            _protector = protector;
            _cursor = cursor;
            _filter = filter;
        }

        /// <summary>The current option's number.</summary>
        public readonly int Number => _cursor.Number;

        /// <summary>The current option's value.</summary>
        public readonly ReadOnlySpan<byte> Value => _cursor.Value;

        /// <summary>Moves to the next matching option; false at the end.</summary>
        public bool MoveNext()
        {
            while (_cursor.MoveNext())
            {
                var placement = _protector.Classify(_cursor.Number);
                var matches = _filter switch
                {
                    PlacementFilter.Inner => (placement & OscoreOptionPlacement.Inner) != 0,
                    PlacementFilter.Outer => (placement & OscoreOptionPlacement.Outer) != 0,
                    PlacementFilter.OuterOnly => placement is OscoreOptionPlacement.Outer or (OscoreOptionPlacement.Outer | OscoreOptionPlacement.Aad),
                    _ => (placement & OscoreOptionPlacement.Aad) != 0,
                };
                if (matches)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
