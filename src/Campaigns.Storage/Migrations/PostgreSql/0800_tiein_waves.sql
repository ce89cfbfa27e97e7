-- Celebrity tie-in waves: a push of a wave whose gate has not opened yet is stored (so progress counts it) but gated:
-- no claim, sweep, pause or resume touches it until the wave is released. wave_offset is its distance (ms) from its
-- wave's first push, so a release at instant T re-times it to T + wave_offset.
ALTER TABLE pushes ADD COLUMN gated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN wave_offset BIGINT NOT NULL DEFAULT 0;
