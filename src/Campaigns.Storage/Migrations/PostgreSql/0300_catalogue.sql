-- Products and videos: filterable columns, link tables for tag and product filters, and the document the API shows.
CREATE TABLE products (
    agency_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    sku_key     TEXT NOT NULL,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    document    TEXT NOT NULL,
    PRIMARY KEY (agency_id, id)
);
CREATE UNIQUE INDEX ux_products_sku ON products (agency_id, sku_key);

CREATE TABLE product_tags (
    agency_id   TEXT NOT NULL,
    product_id  TEXT NOT NULL,
    tag         TEXT NOT NULL,
    PRIMARY KEY (agency_id, product_id, tag)
);
CREATE INDEX ix_product_tags_tag ON product_tags (agency_id, tag, product_id);

CREATE TABLE videos (
    agency_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    type        TEXT NOT NULL,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    document    TEXT NOT NULL,
    PRIMARY KEY (agency_id, id)
);
CREATE INDEX ix_videos_type ON videos (agency_id, type, id);

CREATE TABLE video_tags (
    agency_id   TEXT NOT NULL,
    video_id    TEXT NOT NULL,
    tag         TEXT NOT NULL,
    PRIMARY KEY (agency_id, video_id, tag)
);
CREATE INDEX ix_video_tags_tag ON video_tags (agency_id, tag, video_id);

CREATE TABLE video_products (
    agency_id   TEXT NOT NULL,
    video_id    TEXT NOT NULL,
    product_id  TEXT NOT NULL,
    PRIMARY KEY (agency_id, video_id, product_id)
);
CREATE INDEX ix_video_products_product ON video_products (agency_id, product_id, video_id);
