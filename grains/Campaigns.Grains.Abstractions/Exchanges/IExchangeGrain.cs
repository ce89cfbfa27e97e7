
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Pushes;
namespace Campaigns.Grains.Abstractions.Exchanges;

/// <summary>
/// A standalone exchange, keyed <c>{agencyId}/{exchangeId}</c>, as its two pushes see it: the owner they ask before
/// publishing and tell when they settle, so the ledger can settle their credits.
/// </summary>
public interface IExchangeGrain : IPushOwnerGrain;
