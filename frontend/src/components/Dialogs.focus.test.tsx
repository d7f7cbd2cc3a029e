// Focus in dialogs (issue #22): on open it goes to the first field (or, in a
// confirmation, to Cancel), Tab and Shift+Tab go round inside the dialog, and
// on close it returns to the button that opened it.
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';
import { Modal } from './Modal';

function Harness({ kind }: { kind: 'modal' | 'confirm' }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button type="button" onClick={() => setOpen(true)}>
        open
      </button>
      <button type="button">behind</button>
      {open && kind === 'modal' && (
        <Modal title="Rename" onClose={() => setOpen(false)}>
          <input aria-label="name" />
          <input type="hidden" />
          <button type="button">save</button>
        </Modal>
      )}
      {open && kind === 'confirm' && <ConfirmDialog title="Delete?" body="Gone for good." confirm="Delete" onConfirm={() => setOpen(false)} onCancel={() => setOpen(false)} />}
    </div>
  );
}

/** tab presses Tab (or Shift+Tab) the way the trap sees it: the browser's own move is not simulated, so the trap must do the wrapping. */
function tab(shift = false) {
  fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Tab', shiftKey: shift });
}

describe('dialog focus', () => {
  it('a modal focuses its first field, keeps Tab inside and gives focus back on Escape', () => {
    render(<Harness kind="modal" />);
    const opener = screen.getByText('open');
    opener.focus();
    fireEvent.click(opener);
    const name = screen.getByLabelText('name');
    expect(document.activeElement).toBe(name);
    // Shift+Tab on the first goes round to the last (the close button is first in the head).
    screen.getByLabelText('Close').focus();
    tab(true);
    expect(document.activeElement).toBe(screen.getByText('save'));
    tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Close'));
    // Focus somewhere behind (a click outside the box that did not close it): Tab brings it back in.
    screen.getByText('behind').focus();
    tab();
    expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('a confirmation focuses Cancel, keeps Tab inside and gives focus back when answered', () => {
    render(<Harness kind="confirm" />);
    const opener = screen.getByText('open');
    opener.focus();
    fireEvent.click(opener);
    expect(document.activeElement).toBe(screen.getByText('Cancel'));
    tab(true);
    expect(document.activeElement).toBe(screen.getByText('Delete'));
    tab();
    expect(document.activeElement).toBe(screen.getByText('Cancel'));
    fireEvent.click(screen.getByText('Delete'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
