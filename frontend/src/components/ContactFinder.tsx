// ContactFinder picks a real contact by typing part of a name or an email,
// as a marketer thinks of one ("Camille", "@acme.fr"), never by number.
import { useEffect, useState } from 'react';
import { failuresApi, type ContactChoice } from '../api/failures';

/** contactLabel is how a picked contact reads: "Camille Martin · camille@example.com". */
export function contactLabel(c: ContactChoice): string {
  return c.name ? `${c.name} · ${c.email}` : c.email;
}

interface Props {
  /** label names the search box for screen readers and as its placeholder. */
  label: string;
  onPick(c: ContactChoice): void;
  testId: string;
}

/** ContactFinder is a search box with the matching contacts listed under it (up to 8). */
export function ContactFinder({ label, onPick, testId }: Props) {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ContactChoice[]>([]);

  useEffect(() => {
    const q = search.trim();
    if (!q) {
      setFound([]);
      return;
    }
    let live = true;
    // A short pause so typing a name asks once, not once per letter.
    const timer = window.setTimeout(() => {
      failuresApi()
        .findContacts(q)
        .then((cs) => live && setFound(cs))
        .catch(() => live && setFound([]));
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [search]);

  return (
    <div className="fp-contact-finder">
      <input
        className="fp-input fp-input-small"
        type="search"
        value={search}
        placeholder={label}
        aria-label={label}
        onChange={(e) => setSearch(e.target.value)}
        data-testid={testId}
      />
      {found.length > 0 && (
        <ul className="fp-contact-found" role="listbox" aria-label={label}>
          {found.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                role="option"
                aria-selected={false}
                className="fp-link-btn"
                onClick={() => {
                  onPick(c);
                  setSearch('');
                  setFound([]);
                }}
                data-testid={`${testId}-${c.id}`}
              >
                {contactLabel(c)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
