// "Just booked": the booking page greets a fresh booking with its confirmation (and the link
// to keep) once; a reopened link shows the booking without the greeting.
const key = 'dalpak.justBooked';

export const justBooked = {
  mark: (id: string) => sessionStorage.setItem(key, id),
  /** True once for the booking just made in this tab. */
  take(id: string): boolean {
    if (sessionStorage.getItem(key) !== id) return false;
    sessionStorage.removeItem(key);
    return true;
  },
};
