-- storyline.duckdb: one table per record type. Offsets are into articles.text.
-- The result caches hold their JSON as ASCII text (VARCHAR: DuckDB's JSON type refuses the
-- escaped lone surrogates of a file name that is not UTF-8). Documented in docs/store.md;
-- rewritten whole by each build (the six *_cache tables persist).
CREATE TABLE IF NOT EXISTS article_cache (
    article VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, payload VARCHAR NOT NULL,
    PRIMARY KEY (article, fingerprint));
CREATE TABLE IF NOT EXISTS annotation_cache (
    article VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, payload JSON NOT NULL,
    PRIMARY KEY (article, fingerprint));
CREATE TABLE IF NOT EXISTS parse_cache (
    article VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, payload JSON NOT NULL,
    PRIMARY KEY (article, fingerprint));
CREATE TABLE IF NOT EXISTS mention_cache (
    article VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, "key" VARCHAR NOT NULL,
    payload VARCHAR NOT NULL, PRIMARY KEY (article, fingerprint));
CREATE TABLE IF NOT EXISTS timex_cache (
    article VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, "key" VARCHAR NOT NULL,
    payload VARCHAR NOT NULL, PRIMARY KEY (article, fingerprint));
CREATE TABLE IF NOT EXISTS story_cache (
    story VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, "key" VARCHAR NOT NULL,
    payload VARCHAR NOT NULL, PRIMARY KEY (story, fingerprint));
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, path VARCHAR NOT NULL, format VARCHAR, title VARCHAR,
    outlet VARCHAR, url VARCHAR, language VARCHAR NOT NULL,
    published VARCHAR, published_source VARCHAR, published_earliest DATE,
    published_latest DATE, published_method VARCHAR, text VARCHAR NOT NULL,
    authors VARCHAR[] NOT NULL DEFAULT [], story VARCHAR);
CREATE TABLE IF NOT EXISTS article_meta (
    article VARCHAR NOT NULL, "key" VARCHAR NOT NULL, "value" VARCHAR NOT NULL, story VARCHAR);
CREATE TABLE IF NOT EXISTS dropped (
    article VARCHAR NOT NULL, text VARCHAR NOT NULL, reason VARCHAR NOT NULL,
    raw_start INTEGER NOT NULL, raw_end INTEGER NOT NULL, story VARCHAR);
CREATE TABLE IF NOT EXISTS inputs (
    path VARCHAR NOT NULL, status VARCHAR NOT NULL, article VARCHAR, reason VARCHAR,
    story VARCHAR);
CREATE TABLE IF NOT EXISTS entities (
    id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, type VARCHAR NOT NULL, country VARCHAR,
    aliases VARCHAR[] NOT NULL, roles VARCHAR[] NOT NULL, story VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
    entity VARCHAR NOT NULL, article VARCHAR NOT NULL, "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text VARCHAR NOT NULL, metonym BOOLEAN NOT NULL DEFAULT false,
    story VARCHAR);
CREATE TABLE IF NOT EXISTS roles (
    entity VARCHAR NOT NULL, text VARCHAR NOT NULL, article VARCHAR NOT NULL,
    "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, evidence VARCHAR NOT NULL, story VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, article VARCHAR, "start" INTEGER, "end" INTEGER, text VARCHAR,
    kind VARCHAR, speaker_entity VARCHAR, speaker_text VARCHAR, cue VARCHAR, channel VARCHAR,
    channel_date VARCHAR, implicit BOOLEAN, story VARCHAR);
CREATE TABLE IF NOT EXISTS quote_copies (
    quote VARCHAR NOT NULL, article VARCHAR NOT NULL, "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text VARCHAR NOT NULL, story VARCHAR);
CREATE TABLE IF NOT EXISTS timexes (
    id VARCHAR PRIMARY KEY, article VARCHAR, "start" INTEGER, "end" INTEGER, text VARCHAR,
    type VARCHAR, value VARCHAR, "mod" VARCHAR, story VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, type VARCHAR, mode VARCHAR, predicate VARCHAR NOT NULL,
    actors VARCHAR[] NOT NULL, targets VARCHAR[] NOT NULL, location VARCHAR,
    date_value VARCHAR, date_granularity VARCHAR, status VARCHAR NOT NULL, summary VARCHAR,
    salience DOUBLE, witnesses INTEGER, background BOOLEAN, "key" BOOLEAN, story VARCHAR);
CREATE TABLE IF NOT EXISTS event_participants (
    event VARCHAR NOT NULL, role VARCHAR NOT NULL, entity VARCHAR, text VARCHAR NOT NULL,
    story VARCHAR);
CREATE TABLE IF NOT EXISTS event_sources (
    event VARCHAR NOT NULL, article VARCHAR NOT NULL, "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text VARCHAR NOT NULL, published VARCHAR, status VARCHAR NOT NULL,
    date_value VARCHAR, cue VARCHAR, story VARCHAR);
CREATE TABLE IF NOT EXISTS event_mentions (
    event VARCHAR NOT NULL, article VARCHAR NOT NULL, "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text VARCHAR NOT NULL, predicate VARCHAR NOT NULL, type VARCHAR,
    status VARCHAR NOT NULL, origin VARCHAR NOT NULL, story VARCHAR);
CREATE TABLE IF NOT EXISTS timeline (
    position INTEGER NOT NULL, date VARCHAR, granularity VARCHAR, event VARCHAR NOT NULL,
    status VARCHAR NOT NULL, summary VARCHAR, story VARCHAR);
CREATE TABLE IF NOT EXISTS comparisons (
    id VARCHAR NOT NULL, position INTEGER NOT NULL, topic VARCHAR NOT NULL,
    verdict VARCHAR NOT NULL, explanation VARCHAR NOT NULL, independent INTEGER NOT NULL,
    story VARCHAR);
CREATE TABLE IF NOT EXISTS comparison_claims (
    comparison VARCHAR NOT NULL, article VARCHAR NOT NULL, "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text VARCHAR NOT NULL, kind VARCHAR NOT NULL, value VARCHAR,
    source VARCHAR, published VARCHAR, story VARCHAR);
CREATE TABLE IF NOT EXISTS copies (
    article VARCHAR NOT NULL, original VARCHAR NOT NULL, similarity DOUBLE NOT NULL,
    passages INTEGER NOT NULL, story VARCHAR);
CREATE TABLE IF NOT EXISTS summary (
    position INTEGER, text VARCHAR, story VARCHAR);
