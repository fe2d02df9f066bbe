using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace PerfLab.Results.Import;

/// <summary>One line of a text file read by <see cref="Utf8Lines"/>: its 1-based number and text, or why it has no text.</summary>
public readonly record struct Utf8Line(int Number, string? Text, string? Problem);

/// <summary>Reads a stream as strict UTF-8 lines without holding the file: a line that is not valid UTF-8 (a Latin-1 "é", a
/// stray byte) is reported with its number instead of turning into U+FFFD, a leading byte-order mark is dropped, and the
/// SHA-256 of the bytes after it is computed on the way (what <see cref="IngestIdentity.FileHash"/> gives for the text).</summary>
public sealed class Utf8Lines : IDisposable
{
    /// <summary>Longest line read; a longer one is reported and skipped (a history row is a few hundred bytes).</summary>
    public const int MaxLineBytes = 1024 * 1024;

    private readonly Stream _stream;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _line = new(256);
    private int _start;
    private int _end;
    private int _number;
    private bool _first = true;
    private bool _eof;
    private bool _tooLong;

    public Utf8Lines(Stream stream) => _stream = stream;

    /// <summary>SHA-256 (hex) of every byte read after a byte-order mark; complete once <see cref="Next"/> returned false.</summary>
    public string FileHash() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    /// <summary>The next line (without its '\n'; a '\r' before it is kept), or false at the end of the stream.</summary>
    public bool Next(out Utf8Line line)
    {
        _line.Clear();
        _tooLong = false;
        while (true)
        {
            if (_start == _end && !Fill())
            {
                if (_eof && _line.WrittenCount == 0 && !_tooLong) { line = default; return false; }
                line = Finish();
                return true;
            }
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf((byte)'\n');
            var part = newline < 0 ? span : span[..newline];
            if (_line.WrittenCount + part.Length <= MaxLineBytes) _line.Write(part);
            else _tooLong = true;
            _start += newline < 0 ? span.Length : newline + 1;
            if (newline >= 0)
            {
                line = Finish();
                return true;
            }
        }
    }

    private Utf8Line Finish()
    {
        _number++;
        if (_tooLong) return new Utf8Line(_number, null, $"the line is longer than {MaxLineBytes} bytes");
        var bytes = _line.WrittenSpan;
        if (!Utf8.IsValid(bytes))
        {
            Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
            var column = Encoding.UTF8.GetCharCount(bytes[..read]) + 1;
            return new Utf8Line(_number, null,
                $"is not valid UTF-8 (byte 0x{bytes[read]:X2} at column {column}); save the file as UTF-8");
        }
        return new Utf8Line(_number, Encoding.UTF8.GetString(bytes), null);
    }

    private bool Fill()
    {
        if (_eof) return false;
        _start = 0;
        _end = _stream.Read(_buffer, 0, _buffer.Length);
        if (_end == 0)
        {
            _eof = true;
            return false;
        }
        if (_first)
        {
            _first = false;
            // A byte-order mark split over two reads is not worth handling: reads of a file return whole buffers.
            if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _start = 3;
        }
        _hash.AppendData(_buffer, _start, _end - _start);
        return true;
    }

    public void Dispose() => _hash.Dispose();
}
