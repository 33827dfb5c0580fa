/** Refusals of sign-in, PINs and the operator register. */
export const session = {
  not_signed_in: {
    message: 'Nobody is signed in at this station.',
    nextAction: 'Sign in with your operator ID first.',
  },
  access_unchecked: {
    message: 'This station cannot check who is calling.',
    nextAction: 'Restart the kiosk; if it happens again, call IT.',
  },
  pins_locked: {
    message: 'Too many wrong PINs: PINs are locked for {seconds} s.',
    nextAction: 'Wait, then try again. If you forgot the PIN, ask a supervisor.',
  },
  wrong_admin_pin: {
    message: 'Wrong admin PIN.',
    nextAction: 'Try again, or ask a supervisor.',
  },
  wrong_supervisor_pin: {
    message: 'Wrong supervisor PIN.',
    nextAction: 'Try again, or ask a supervisor.',
  },
  operator_unknown: {
    message: 'Operator "{operator}" is not registered at this station.',
    nextAction: 'Scan your own badge, or ask an admin to add you in Settings → Operators.',
  },
  operator_pin_needed: {
    message: 'Operator {operator} signs in with a PIN.',
    nextAction: 'Type your PIN, then press Enter.',
  },
  operator_pin_wrong: {
    message: 'Wrong PIN for operator {operator}.',
    nextAction: 'Type it again, or ask an admin to set a new one in Settings → Operators.',
  },
  operator_id_invalid: {
    message: '"{operator}" cannot be an operator ID: an ID is 1 to 64 characters, with no control characters.',
    nextAction: 'Scan the badge, or type the ID as printed on it.',
  },
  operator_register_full: {
    message: 'This station already has 1,000 operators registered.',
    nextAction: 'Remove operators who have left first.',
  },
  operator_not_registered: {
    message: 'Operator "{operator}" is not registered.',
    nextAction: 'Check the ID in the list.',
  },
  operator_signed_in: {
    message: 'Operator {operator} is signed in now.',
    nextAction: 'Sign out first, then remove them with another operator signed in.',
  },
  uid_is_operator: {
    message: '"{uid}" is the ID of operator {operator}, not a patient.',
    nextAction: 'Scan the patient barcode or type the patient ID.',
  },
} as const;
