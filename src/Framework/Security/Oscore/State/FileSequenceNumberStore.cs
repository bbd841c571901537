using System.Globalization;
using System.Text;

namespace Coap.Security.Oscore.State;

/// <summary>
/// A <see cref="ISequenceNumberStore"/> with one small text file per Sender Context in a state directory.
/// The file is named after <see cref="OscoreStateKey.Hex"/> (a hash of Sender ID and ID Context) and holds
/// only the bound, so neither its name nor its content reveals an identifier or a key. Every save writes a
/// temporary file, flushes it to disk and renames it over the old one, so a crash leaves either the old
/// bound or the new one, never a torn file.
/// </summary>
internal sealed class FileSequenceNumberStore : ISequenceNumberStore
{
    /// <summary>The extension of the state files.</summary>
    public const string Extension = ".ssn";

    private const string Header = "oscore-ssn-bound v1";

    /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
    public FileSequenceNumberStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
    }

    /// <summary>The full path of the state directory.</summary>
    public string Directory { get; }

    /// <summary>The file that holds the bound of <paramref name="key"/>.</summary>
    public string PathOf(OscoreStateKey key) => Path.Combine(Directory, key.Hex + Extension);

    /// <inheritdoc />
    public bool TryLoad(OscoreStateKey key, out ulong bound)
    {
        var path = PathOf(key);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII);
        }
        catch (FileNotFoundException)
        {
            bound = 0;
            return false;
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != 2 || lines[0] != Header
            || !ulong.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out bound))
        {
            throw new InvalidDataException(
                $"The OSCORE sequence number state in '{path}' is unreadable; refusing to guess a sender sequence number "
                + "(a reused number breaks AEAD security). Re-establish the security context, then delete the file.");
        }

        return true;
    }

    /// <inheritdoc />
    public void Save(OscoreStateKey key, ulong bound)
    {
        var path = PathOf(key);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var content = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Header}\n{bound}\n"));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 256, FileOptions.WriteThrough))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <inheritdoc />
    public void Delete(OscoreStateKey key) => File.Delete(PathOf(key));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
