using System.Collections;

namespace PerfLab.Results.Import;

/// <summary>A read-only list whose items are built each time it is walked and not kept: what a large import hands the store
/// so that only one run's objects are alive at a time.</summary>
public sealed class DeferredList<T>(int count, Func<IEnumerable<T>> build) : IReadOnlyList<T>
{
    /// <inheritdoc />
    public int Count => count;

    /// <inheritdoc />
    public T this[int index] => (uint)index < (uint)count ? build().ElementAt(index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => build().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
