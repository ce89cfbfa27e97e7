using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Client;

public partial class CampaignsClient
{
    /// <summary>
    /// Fields left null are not sent: the server reads an absent field as "not given", and a PATCH must not clear
    /// what it was not asked to change.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
}
