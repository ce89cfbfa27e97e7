using System.Buffers.Text;
using System.Text;

namespace Campaigns.Application.Common;

/// <summary>Opaque keyset cursors: the base64url of the last id of a page.</summary>
public static class PageCursor
{
    /// <summary>Default and maximum page sizes of the API.</summary>
    public const int DefaultLimit = 50, MaxLimit = 500;

    /// <summary>The cursor that resumes after <paramref name="lastId"/>.</summary>
    public static string Encode(string lastId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastId));

    /// <summary>The id a cursor resumes after, or false when the cursor is not one of ours.</summary>
    public static bool TryDecode(string? cursor, out string? lastId)
    {
        lastId = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        try
        {
            lastId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return lastId.Length is > 0 and < 100;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
