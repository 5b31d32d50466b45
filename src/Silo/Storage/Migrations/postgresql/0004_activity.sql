-- Relief schema 4 for PostgreSQL: filings and decisions per province and hour, for the ops peak page.
CREATE TABLE IF NOT EXISTS relief_activity (
    service_id    text   NOT NULL,
    programme_id  text   NOT NULL,
    province_code text   NOT NULL,
    hour_ms       bigint NOT NULL,
    filed         bigint NOT NULL DEFAULT 0,
    decided       bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, programme_id, province_code, hour_ms)
);
