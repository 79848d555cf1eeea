-- Typed links between events ("China's tariffs respond to the US Section 301 tariffs"). A
-- link belongs to the event that states it and goes with it; its target is only an id, with
-- no foreign key: an import may bring the target later, and deleting the target leaves the
-- link in place, dangling, so the panel can say the linked event is gone and undoing the
-- delete needs to restore nothing but the event itself.
CREATE TABLE event_links (
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    relation  TEXT NOT NULL CHECK (relation IN ('responds_to', 'follows_up', 'part_of')),
    target_id TEXT NOT NULL CHECK (target_id <> event_id),
    position  INTEGER NOT NULL,
    PRIMARY KEY (event_id, relation, target_id)
) STRICT;
-- Serves incoming links (`linked_to`) and the thread walk in the other direction.
CREATE INDEX event_links_target ON event_links (target_id);
