namespace Campaigns.Storage.Vault;

/// <summary>The <c>Campaigns:Vault</c> section.</summary>
public sealed class VaultOptions
{
    public const string Section = "Campaigns:Vault";

    /// <summary>
    /// A PKCS#12 file (.pfx) whose certificate wraps every key of the ring before it is stored, so that a copy of the
    /// database alone cannot decrypt anything. Unset: keys are stored unwrapped and the database must be protected.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}
