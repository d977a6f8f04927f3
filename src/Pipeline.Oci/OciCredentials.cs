namespace Pipeline.Oci;

/// <summary>
/// How to authenticate to a registry: a user name and password (HTTP Basic, or exchanged at the registry's token
/// service for a bearer token), or a bearer token used as it is. Never printed: <see cref="ToString"/> hides them.
/// </summary>
public sealed record OciCredentials
{
    private OciCredentials(string? username, string? password, string? token)
    {
        Username = username;
        Password = password;
        Token = token;
    }

    /// <summary>The user name, for Basic or a token exchange.</summary>
    public string? Username { get; }

    /// <summary>The password (or a personal access token used as one).</summary>
    public string? Password { get; }

    /// <summary>A bearer token sent as it is.</summary>
    public string? Token { get; }

    /// <summary>A user name and password.</summary>
    public static OciCredentials Basic(string username, string password) => new(username, password, null);

    /// <summary>A bearer token.</summary>
    public static OciCredentials Bearer(string token) => new(null, null, token);

    /// <summary>The secret values, for masking in anything printed.</summary>
    public IEnumerable<string> SecretValues => new[] { Password, Token }.Where(v => !string.IsNullOrEmpty(v))!;

    /// <inheritdoc />
    public override string ToString() => Token is not null ? "bearer ***" : $"{Username}:***";
}
