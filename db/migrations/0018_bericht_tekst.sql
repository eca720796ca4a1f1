-- Reading a stored message: as bytea, libpq sends it in hex (twice its size) and the client
-- unescapes it; a 25 MB 323 costs ~150 ms that way on the 2-core reference VM. Every message
-- the gateway accepted is UTF-8 XML, so it can travel as text: the same bytes, once.
-- bericht_als_tekst gives the payload as text when it is valid UTF-8 and both ends of the
-- connection speak UTF-8, and NULL otherwise (then the caller reads the bytea): a message is
-- never altered by being read.
CREATE FUNCTION bericht_als_tekst(b bytea) RETURNS text LANGUAGE plpgsql STABLE STRICT AS $$
BEGIN
  IF current_setting('server_encoding') <> 'UTF8'
     OR current_setting('client_encoding') <> 'UTF8' THEN
    RETURN NULL;
  END IF;
  RETURN convert_from(b, 'UTF8');
EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
  RETURN NULL;
END $$;
