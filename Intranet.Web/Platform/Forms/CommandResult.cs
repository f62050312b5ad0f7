using System.ComponentModel.DataAnnotations;

namespace Intranet.Web.Platform.Forms;

/// <summary>A refusal that belongs to one field of a form: the page shows it under that field.</summary>
/// <param name="Field">The form property's name (<c>nameof(form.Name)</c>).</param>
public sealed record FieldError(string Field, string Message);

public enum CommandOutcome
{
    Done,

    /// <summary>The form's content is wrong: see the field errors.</summary>
    Invalid,

    /// <summary>Not allowed, or a rule forbids it: the general message says which.</summary>
    Refused,

    /// <summary>The record is gone, or out of the user's scope (the two are not told apart).</summary>
    NotFound,

    /// <summary>Someone else changed the record since the form was loaded: reload, then try again.</summary>
    Stale,

    /// <summary>Allowed, but unusual enough (a large payment) to ask the person once more: send it again, confirmed.</summary>
    Unconfirmed,
}

/// <summary>
/// What a command (a save, a delete, an action on a record) came to. Refusals are expected and come back as Chinese
/// sentences the page shows as they are: one general message, and messages for single fields. Every area's commands
/// return this, so every form shows refusals the same way (<see cref="FormErrors"/>, <see cref="ServerValidation"/>).
/// </summary>
public class CommandResult
{
    public const string CheckFields = "请按提示修改标红的内容后再保存。";
    public const string Gone = "未找到该记录，或您无权操作。";

    private protected CommandResult(CommandOutcome outcome, string? message, IReadOnlyList<FieldError> fieldErrors)
    {
        Outcome = outcome;
        Message = message;
        FieldErrors = fieldErrors;
    }

    public CommandOutcome Outcome { get; }

    public bool Succeeded => Outcome == CommandOutcome.Done;

    public bool NotFound => Outcome == CommandOutcome.NotFound;

    public bool Stale => Outcome == CommandOutcome.Stale;

    public bool NeedsConfirmation => Outcome == CommandOutcome.Unconfirmed;

    /// <summary>The general message; <c>null</c> on success.</summary>
    public string? Message { get; }

    public IReadOnlyList<FieldError> FieldErrors { get; }

    /// <summary>What went wrong in sentences, for a notification or a dialog: each field's message, or else the general one.</summary>
    public IReadOnlyList<string> Errors =>
        FieldErrors.Count > 0 ? [.. FieldErrors.Select(e => e.Message).Distinct()] : Message is null ? [] : [Message];

    public static CommandResult Ok() => new(CommandOutcome.Done, null, []);

    public static CommandResult<T> Ok<T>(T value) => new(CommandOutcome.Done, null, [], value);

    public static CommandResult Refused(string message) => new(CommandOutcome.Refused, message, []);

    public static CommandResult Missing(string message = Gone) => new(CommandOutcome.NotFound, message, []);

    public static CommandResult Changed(string message) => new(CommandOutcome.Stale, message, []);

    /// <summary>Nothing saved yet: <paramref name="question"/> asks the person to confirm, and the command is sent again confirmed.</summary>
    public static CommandResult Confirm(string question) => new(CommandOutcome.Unconfirmed, question, []);

    /// <summary>Field errors; none given is not a failure, so callers check <see cref="FieldErrors"/> first or use <see cref="Validate"/>.</summary>
    public static CommandResult Invalid(IEnumerable<FieldError> errors, string message = CheckFields) =>
        new(CommandOutcome.Invalid, message, [.. errors]);

    public static CommandResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    /// <summary>The form's data annotations (and <see cref="IValidatableObject"/>), checked on the server; <c>null</c> when it passes.</summary>
    public static CommandResult? Validate(object form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true))
        {
            return null;
        }

        return Invalid(results.SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [string.Empty])
            .Select(field => new FieldError(field, r.ErrorMessage ?? "填写有误。"))));
    }

    /// <summary>This refusal as the result of a command that would have returned a value.</summary>
    public CommandResult<T> As<T>() =>
        Succeeded ? throw new InvalidOperationException("A success carries its value; use Ok(value).") : new(Outcome, Message, FieldErrors, default);
}

public sealed class CommandResult<T> : CommandResult
{
    internal CommandResult(CommandOutcome outcome, string? message, IReadOnlyList<FieldError> fieldErrors, T? value)
        : base(outcome, message, fieldErrors) => Value = value;

    /// <summary>Set when <see cref="CommandResult.Succeeded"/>.</summary>
    public T? Value { get; }
}
