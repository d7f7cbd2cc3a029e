package app

import (
	"flightplan/engine"
	"flightplan/engine/store"
)

// Mailbox is the window's service for the offline mailbox: the messages
// the capture server received, and their links followed as a reader would.
type Mailbox struct{ *window }

// Mailbox lists the messages captured by the local mailbox.
func (m *Mailbox) Mailbox() ([]store.MailboxMessage, error) { return m.eng.Store.Mailbox(500) }

// MailboxMessage opens one captured message.
func (m *Mailbox) MailboxMessage(id int64) (engine.MailView, error) { return m.eng.MailboxMessage(id) }

// FollowMailLink follows a link of a captured message the way a reader's
// browser would: the tracking server records the click and the contact's
// journey moves on.
func (m *Mailbox) FollowMailLink(link string) (engine.MailLink, error) {
	return m.eng.FollowMailLink(link)
}

// UnsubscribeFromMail presses the unsubscribe page's button for a link of a
// captured message, as the contact would.
func (m *Mailbox) UnsubscribeFromMail(link string) error { return m.eng.UnsubscribeFromMail(link) }
