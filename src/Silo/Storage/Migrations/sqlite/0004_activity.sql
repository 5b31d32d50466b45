-- Relief schema 4 for SQLite: filings and decisions per province and hour, for the ops peak page.
CREATE TABLE IF NOT EXISTS relief_activity (
    service_id    TEXT    NOT NULL,
    programme_id  TEXT    NOT NULL,
    province_code TEXT    NOT NULL,
    hour_ms       INTEGER NOT NULL,
    filed         INTEGER NOT NULL DEFAULT 0,
    decided       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, programme_id, province_code, hour_ms)
);
