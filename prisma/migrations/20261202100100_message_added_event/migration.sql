-- A message added to a recorded thread (through the /v1 gateway) is a line in its history.
-- IF NOT EXISTS: another branch may add the same value.
ALTER TYPE "thread_event_kind" ADD VALUE IF NOT EXISTS 'MESSAGE_ADDED';
