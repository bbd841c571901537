using System.Collections;
using Coap.Codec;

namespace Coap;

/// <summary>
/// The options of an owned message, kept in ascending number order; options with the same
/// number keep the order they were added in (RFC 7252 §5.4.5).
/// </summary>
public sealed class CoapOptionCollection : IReadOnlyList<CoapOption>
{
    private readonly List<CoapOption> _options = [];

    /// <inheritdoc />
    public int Count => _options.Count;

    /// <inheritdoc />
    public CoapOption this[int index] => _options[index];

    /// <summary>Adds an option after any others with the same number.</summary>
    public CoapOptionCollection Add(CoapOption option)
    {
        var index = _options.Count;
        while (index > 0 && _options[index - 1].Number > option.Number)
        {
            index--;
        }

        _options.Insert(index, option);
        return this;
    }

    /// <summary>Adds an opaque option.</summary>
    public CoapOptionCollection Add(int number, ReadOnlyMemory<byte> value) => Add(new CoapOption(number, value));

    /// <summary>Adds a uint option.</summary>
    public CoapOptionCollection Add(int number, uint value) => Add(CoapOption.FromUInt(number, value));

    /// <summary>Adds a string option.</summary>
    public CoapOptionCollection Add(int number, string value) => Add(CoapOption.FromString(number, value));

    /// <summary>Replaces every occurrence of the option by one value.</summary>
    public CoapOptionCollection Set(CoapOption option)
    {
        Remove(option.Number);
        return Add(option);
    }

    /// <summary>Removes every occurrence of an option; returns how many were removed.</summary>
    public int Remove(int number) => _options.RemoveAll(o => o.Number == number);

    /// <summary>Whether the option occurs.</summary>
    public bool Contains(int number) => TryGet(number, out _);

    /// <summary>The first occurrence of an option.</summary>
    public bool TryGet(int number, out CoapOption option)
    {
        foreach (var candidate in _options)
        {
            if (candidate.Number == number)
            {
                option = candidate;
                return true;
            }
        }

        option = default;
        return false;
    }

    /// <summary>The first occurrence's uint value, or null.</summary>
    public uint? GetUInt(int number) => TryGet(number, out var option) ? option.GetUInt() : null;

    /// <summary>The first occurrence's string value, or null.</summary>
    public string? GetString(int number) => TryGet(number, out var option) ? option.GetString() : null;

    /// <summary>Every occurrence of an option, in order.</summary>
    public IEnumerable<CoapOption> GetAll(int number)
    {
        foreach (var option in _options)
        {
            if (option.Number == number)
            {
                yield return option;
            }
        }
    }

    /// <summary>Removes every option.</summary>
    public void Clear() => _options.Clear();

    /// <summary>Writes every option in order.</summary>
    public void WriteTo(ref CoapMessageWriter writer)
    {
        foreach (var option in _options)
        {
            writer.WriteOption(option.Number, option.Value.Span);
        }
    }

    /// <summary>The encoded size of all options.</summary>
    public int GetEncodedSize()
    {
        var size = 0;
        var previous = 0;
        foreach (var option in _options)
        {
            size += CoapMessageWriter.GetOptionSize(option.Number - previous, option.Value.Length);
            previous = option.Number;
        }

        return size;
    }

    /// <summary>Appends the options of a received message, copying their values.</summary>
    internal void AddFrom(CoapOptionsCursor cursor)
    {
        while (cursor.MoveNext())
        {
            _options.Add(new CoapOption(cursor.Number, cursor.Value.ToArray()));
        }
    }

    /// <inheritdoc />
    public List<CoapOption>.Enumerator GetEnumerator() => _options.GetEnumerator();

    IEnumerator<CoapOption> IEnumerable<CoapOption>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
