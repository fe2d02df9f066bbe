using System.Security.Cryptography;
using System.Text;

namespace PerfLab.Runners.Processes;

/// <summary>Drains a stream to its end, keeping the first bytes up to a cap and hashing all of them.</summary>
internal sealed class StreamCapture
{
    private readonly Stream _stream;
    private readonly long _cap;
    private readonly MemoryStream _kept = new();
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    // The launcher may snapshot while a drain it gave up waiting for (a pipe held open by an escaped
    // grandchild) is still appending; neither MemoryStream nor IncrementalHash tolerates that unguarded.
    private readonly Lock _gate = new();
    private long _total;

    public StreamCapture(Stream stream, long cap)
    {
        _stream = stream;
        _cap = cap;
        Completion = Task.Run(DrainAsync);
    }

    public Task Completion { get; }

    private async Task DrainAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (_gate)
                {
                    _hash.AppendData(buffer, 0, read);
                    var room = (int)Math.Min(read, Math.Max(0, _cap - _kept.Length));
                    if (room > 0) _kept.Write(buffer, 0, room);
                    _total += read;
                }
            }
        }
        catch (IOException) { /* the pipe was closed under us by a kill: keep what arrived */ }
        catch (ObjectDisposedException) { }
    }

    /// <summary>What was captured so far; call after <see cref="Completion"/> (or after giving up on it).</summary>
    public CapturedOutput Snapshot()
    {
        lock (_gate)
        {
            var bytes = _kept.ToArray();
            var hash = Convert.ToHexStringLower(_hash.GetCurrentHash());
            return new CapturedOutput(Encoding.UTF8.GetString(bytes), bytes, _total, hash);
        }
    }
}
