namespace Intranet.Domain.Audit;

/// <summary>The property is bookkeeping: its changes are not worth a line in the history.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditIgnoreAttribute : Attribute;

/// <summary>The history says that the property changed, never its values (password hashes and the like).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactAttribute : Attribute;
