namespace Intranet.Domain.Register;

public static class PhoneNumber
{
    /// <summary>Keeps the first three and last four digits: 138****5678; a landline keeps its area code and last four.</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return string.Empty;
        }

        var value = phone.Trim();
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && value.Length - dash - 1 > 4)
        {
            var local = value[(dash + 1)..];
            return string.Concat(value.AsSpan(0, dash + 1), new string('*', local.Length - 4), local.AsSpan(local.Length - 4));
        }

        return value.Length <= 7
            ? new string('*', value.Length - Math.Min(2, value.Length)) + value[^Math.Min(2, value.Length)..]
            : string.Concat(value.AsSpan(0, 3), new string('*', value.Length - 7), value.AsSpan(value.Length - 4));
    }
}
