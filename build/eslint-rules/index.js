// The project's own ESLint rules, loaded by eslint.config.mjs as the plugin "qck".
'use strict';

module.exports = {
  meta: { name: 'qck' },
  rules: {
    layers: require('./layers'),
    'l10n-literal': require('./l10n-literal'),
  },
};
