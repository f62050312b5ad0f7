using Bogus;

namespace Intranet.Domain.Register.Demo;

/// <summary>Picks items in proportion to their weights with one random draw and a binary search.</summary>
internal sealed class WeightedTable<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedTable(IEnumerable<(T Item, double Weight)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.Where(e => e.Weight > 0).ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A weighted table needs at least one entry with a positive weight.", nameof(entries));
        }

        _items = new T[list.Length];
        _cumulative = new double[list.Length];
        var total = 0d;
        for (var i = 0; i < list.Length; i++)
        {
            total += list[i].Weight;
            _items[i] = list[i].Item;
            _cumulative[i] = total;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(Randomizer random)
    {
        var target = random.Double() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);

        // BinarySearch returns the complement of the first larger element when there is no exact match.
        index = index < 0 ? ~index : index + 1;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}
