using Coap.Codec;

namespace Coap;

/// <summary>Zero-allocation access to the request's path and query, for routers and binders.</summary>
public sealed partial class CoapContext
{
    private (int Offset, int Length)[] _segments = new (int, int)[16];

    /// <summary>Segments routing does not see: an application group prefix (<c>gp/&lt;name&gt;</c>).</summary>
    private int _segmentBase;

    /// <summary>The number of Uri-Path segments routed (an application group prefix is not counted).</summary>
    public int PathSegmentCount { get; private set; }

    /// <summary>One Uri-Path segment as UTF-8, viewed in place.</summary>
    public ReadOnlySpan<byte> GetPathSegment(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)PathSegmentCount, nameof(index));
        var (offset, length) = _segments[_segmentBase + index];
        return _datagram.AsSpan(offset, length);
    }

    /// <summary>Hides the first <paramref name="count"/> path segments from routing (an application group prefix).</summary>
    internal void SkipPathSegments(int count)
    {
        _segmentBase += count;
        PathSegmentCount -= count;
    }

    /// <summary>
    /// Finds a query parameter: the first Uri-Query option "name=value" (or "name" alone, giving an
    /// empty value) whose name matches, as UTF-8 viewed in place.
    /// </summary>
    public bool TryGetQueryParameter(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var cursor = Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number != CoapOptionNumber.UriQuery)
            {
                continue;
            }

            var argument = cursor.Value;
            var equals = argument.IndexOf((byte)'=');
            var key = equals < 0 ? argument : argument[..equals];
            if (key.SequenceEqual(name))
            {
                value = equals < 0 ? default : argument[(equals + 1)..];
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Records where each Uri-Path value sits in the copied datagram.</summary>
    private void IndexPathSegments()
    {
        PathSegmentCount = 0;
        _segmentBase = 0;
        var options = _datagram.AsSpan(_optionsStart, _optionsLength);
        var position = 0;
        var number = 0;
        while (position < options.Length)
        {
            CoapMessageReader.TryReadOption(options[position..], number, out number, out var value, out var consumed);
            if (number == CoapOptionNumber.UriPath)
            {
                if (PathSegmentCount == _segments.Length)
                {
                    Array.Resize(ref _segments, _segments.Length * 2);
                }

                var offset = _optionsStart + position + consumed - value.Length;
                _segments[PathSegmentCount++] = (offset, value.Length);
            }
            else if (number > CoapOptionNumber.UriPath)
            {
                break;
            }

            position += consumed;
        }
    }
}
