namespace Intranet.Domain.Common;

/// <summary>Who is acting, for stamps and the audit trail. The web app reads the signed-in user; jobs act as the system.</summary>
public interface ICurrentUser
{
    /// <summary>The account name, or <c>null</c> when no one is signed in.</summary>
    string? UserName { get; }
}

public sealed class SystemUser : ICurrentUser
{
    public const string Name = "system";

    public string? UserName => Name;
}
