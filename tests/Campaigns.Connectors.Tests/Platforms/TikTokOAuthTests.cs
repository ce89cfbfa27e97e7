using Campaigns.Connectors.Platforms.TikTok;
using Campaigns.PlatformFakes.TikTok;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests.Platforms;

public sealed class TikTokOAuthTests : IAsyncLifetime
{
    private PlatformRig<TikTokFake> _rig = null!;

    private TikTokOAuth OAuth => _rig.Services.GetRequiredService<TikTokOAuth>();

    public async Task InitializeAsync() => _rig = await PlatformRig<TikTokFake>.StartAsync("TikTok", clock => new TikTokFake(clock));

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public void The_authorize_url_names_the_app_the_scopes_the_callback_and_the_state()
    {
        var url = OAuth.AuthorizeUrl("st4te-xyz", OAuthFlow.Callback, null);
        var query = OAuthFlow.Query(url);

        Assert.Equal(_rig.Fake.Url("v2/auth/authorize/").AbsoluteUri, url.GetLeftPart(UriPartial.Path));
        Assert.Equal(_rig.Fake.Accounts.ClientKey, query["client_key"]);
        Assert.Equal("user.info.basic,user.info.stats,video.publish,video.list", query["scope"]);
        Assert.Equal(OAuthFlow.Callback.AbsoluteUri, query["redirect_uri"]);
        Assert.Equal(("code", "st4te-xyz"), (query["response_type"], query["state"]));
        Assert.False(query.ContainsKey("code_challenge"));
    }

    [Fact]
    public async Task A_code_is_exchanged_for_tokens_whose_expiries_come_from_the_answer()
    {
        _rig.Fake.Accounts.AccessLifetime = TimeSpan.FromMinutes(90); // not TikTok's documented 2 h: the answer wins
        _rig.Fake.Accounts.NextConsentingUser = "creator-7";

        var tokens = await OAuthFlow.ConnectAsync(OAuth, "s1");

        Assert.True(tokens.Ok);
        Assert.Equal("creator-7", tokens.Value!.UserId);
        Assert.InRange(tokens.Value.AccessExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(89), DateTimeOffset.UtcNow.AddMinutes(91));
        Assert.Contains("video.publish", tokens.Value.Scopes);
        Assert.NotNull(tokens.Value.RefreshToken);
    }

    [Fact]
    public async Task A_code_is_good_once()
    {
        var back = await OAuthFlow.ConsentAsync(OAuth.AuthorizeUrl("s2", OAuthFlow.Callback, null));

        var first = await OAuth.ExchangeCodeAsync(back["code"], OAuthFlow.Callback, null, default);
        var replay = await OAuth.ExchangeCodeAsync(back["code"], OAuthFlow.Callback, null, default);

        Assert.True(first.Ok);
        Assert.False(replay.Ok);
        Assert.Equal("invalid_grant", replay.Failure!.Code);
    }

    [Fact]
    public async Task A_user_who_declines_comes_back_with_access_denied()
    {
        _rig.Fake.Accounts.DenyNextConsent = true;

        var back = await OAuthFlow.ConsentAsync(OAuth.AuthorizeUrl("s3", OAuthFlow.Callback, null));

        Assert.Equal(("access_denied", "s3"), (back["error"], back["state"]));
        Assert.False(back.ContainsKey("code"));
    }
}
