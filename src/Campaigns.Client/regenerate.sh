#!/usr/bin/env bash
# Regenerates src/Campaigns.Client/CampaignsClient.g.cs from the OpenAPI document served by the real host (booted in
# process by the test that otherwise checks the committed file is current). Run from anywhere in the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
CAMPAIGNS_REGENERATE_CLIENT=1 dotnet test tests/Campaigns.Host.Tests -c Release \
  --filter "FullyQualifiedName~GeneratedClientTests" "$@"
echo "Regenerated src/Campaigns.Client/CampaignsClient.g.cs"
