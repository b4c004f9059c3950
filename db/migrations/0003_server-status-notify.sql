-- Every change of a server's connection status is announced on the channel "server_status", so each
-- portal process (LISTEN) can push it to the browsers that show that organisation's servers.
CREATE OR REPLACE FUNCTION notify_server_status() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify(
    'server_status',
    json_build_object(
      'organisationId', (SELECT organisation_id FROM servers WHERE id = NEW.server_id),
      'serverId', NEW.server_id,
      'status', NEW.to_status,
      'at', NEW.at
    )::text
  );
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER server_status_events_notify
  AFTER INSERT ON server_status_events
  FOR EACH ROW EXECUTE FUNCTION notify_server_status();
